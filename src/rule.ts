/**
 * The shape every rule in `transforms/` has: metadata and documentation (one
 * source for `--explain`, the README and SARIF), and a `check` that turns the
 * linked project into findings with proposed fixes. Rules never write files.
 */
import type { ValueFlow } from './flow/flow.js';
import type { Fix } from './fix/fix.js';
import type { CallFact } from './python/facts.js';
import type { ClassEntry, ProjectFile, ProjectIndex } from './project/index.js';
import type { HeldByLibrary } from './project/library-datasets.js';
import type { LoaderCall } from './project/loaders.js';
import type { TorchVersions } from './project/torch-version.js';
import type { WorkerSideCode } from './project/worker-side.js';

/** A rule's stable code (`RNG001`); rules are open: a new rule is one new file in `transforms/`. */
export type RuleCode = string;
export type Strategy = 'auto' | 'worker-init-fn' | 'per-worker-rng';
export const STRATEGIES: readonly Strategy[] = ['auto', 'worker-init-fn', 'per-worker-rng'];

export interface RuleDocumentation {
  whatItDoes: string;
  whyIsThisBad: string;
  example: string;
  useInstead: string;
  fixSafety: string;
}

export interface Place {
  file: ProjectFile;
  start: number;
  end: number;
}

export interface RelatedPlace extends Place {
  message: string;
}

export interface RuleFinding extends Place {
  code: RuleCode;
  message: string;
  confidence: 'certain' | 'possible';
  related: RelatedPlace[];
  fix: Fix | null;
  /** Why no fix is offered, when `fix` is null. */
  unfixableReason?: string;
  /** Why the fix, though applied, will not make the draws per worker: other worker code reseeds the same RNG with a repeating seed. */
  notEffectiveReason?: string;
}

/** A dataset class as the rules see it: the code its workers run and the loaders that read it. */
export interface DatasetUse {
  /** The project class of the dataset; null for a library dataset (`ImageFolder(root, transform)`), whose project code is the objects it holds. */
  cls: ClassEntry | null;
  /** How findings name it: the class name, or the library class (`ImageFolder`). */
  name: string;
  workerSide: WorkerSideCode;
  loaders: LoaderCall[];
  /** Loaders that may start worker processes. */
  workerLoaders: LoaderCall[];
  /** For a library dataset: the library objects (augmentation pipelines) it calls per item, and where they are handed to it. */
  heldByLibrary?: HeldByLibrary[];
}

export interface Analysis {
  index: ProjectIndex;
  /** Where values come from: the one analysis every rule asks. */
  flow: ValueFlow;
  /** Datasets whose worker-side code may run in worker processes (none of their loaders is known to use none). */
  datasets: DatasetUse[];
  loaders: LoaderCall[];
  /** The torch version each file runs on, as its nearest requirement files (or `--torch-version`) say. */
  torch: TorchVersions;
  strategy: Strategy;
  /** Lightning's `seed_everything(..., workers=True)`, when the project calls it: Lightning then seeds every loader that has no `worker_init_fn`. */
  lightningSeeding: CallFact | null;
}

/**
 * What makes a file matter to a rule, declared by the rule itself (as ESLint's
 * `meta` does): a file that contains none of any rule's words can define no
 * dataset, loader, seeding or object the rule reports, and is parsed only if
 * the analysis reaches it through a name. The engine's prefilter is built from
 * these declarations, so a rule and the prefilter cannot disagree.
 */
export interface RuleRelevance {
  /** Words (base classes, called names, module names) at least one of which a relevant file contains. */
  words: readonly string[];
}

export interface Rule {
  code: RuleCode;
  name: string;
  summary: string;
  docs: RuleDocumentation;
  relevance: RuleRelevance;
  check(analysis: Analysis): RuleFinding[];
}

/** The rule's documentation as Markdown, under ruff's headings. */
export function documentationMarkdown(rule: Rule): string {
  return [
    `# ${rule.code} ${rule.name}`,
    '',
    rule.summary,
    '',
    '## What it does',
    rule.docs.whatItDoes.trim(),
    '',
    '## Why is this bad?',
    rule.docs.whyIsThisBad.trim(),
    '',
    '## Example',
    '```python',
    rule.docs.example.trim(),
    '```',
    '',
    '## Use instead',
    '```python',
    rule.docs.useInstead.trim(),
    '```',
    '',
    '## Fix safety',
    rule.docs.fixSafety.trim(),
    '',
  ].join('\n');
}
