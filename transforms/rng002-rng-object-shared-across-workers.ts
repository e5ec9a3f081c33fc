import { HF_TRAINER_WORD } from '../src/models/transformers.js';
import type { PreambleItem } from '../src/fix/fix.js';
import { freeName, reseedForWorkerHelper, type RngObjectKind } from '../src/fix/python-code.js';
import { reseededObjects } from '../src/flow/reseeding.js';
import type { ProjectFile, ProjectIndex } from '../src/project/index.js';
import { handedOverDraws, isWorkerAware, parentRngUses, type RngObjectUse } from '../src/project/rng-sources.js';
import { functionLabel, loaderPlace, sourceText, uniquePlaces, where } from '../src/rule-helpers.js';
import type { Analysis, DatasetUse, RelatedPlace, Rule, RuleFinding } from '../src/rule.js';

const docs = {
  whatItDoes: `
Finds RNG objects made in the parent process and used in DataLoader worker
code: \`np.random.default_rng(...)\`, \`np.random.Generator(...)\`,
\`np.random.RandomState(...)\`, \`random.Random(...)\` and \`torch.Generator()\`
(also \`torch.Generator().manual_seed(s)\`) created in a dataset's
or a transform's \`__init__\`, at module level, or passed in as constructor
arguments, then drawn from in \`__getitem__\`, \`__iter__\` or code they call.
An RNG object created inside worker code is fine and not reported. When worker
code only hands the object on (\`np_rng = self.np_rng\`, or
\`self._permute(x, self.rng)\`), the finding is at the first draw from it in
that file (or, if it draws only in other modules, in the first of those), with
the hand-over and further draws as related places; the fix still wraps the
read.`,
  whyIsThisBad: `
Every worker receives an identical copy of the object, so all workers draw the
same numbers, and since workers are re-created every epoch from the same parent
state, every epoch replays the previous one. Unlike NumPy's global RNG, torch
never reseeds these objects, on any version: measured with torch 2.13, a
dataset holding \`np.random.default_rng(0)\` read by 4 workers gives 2 distinct
values out of 8 items, the same in every epoch.`,
  example: `
import numpy as np
from torch.utils.data import Dataset

class NoisyDataset(Dataset):
    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)

    def __getitem__(self, index):
        return index + self.rng.normal()`,
  useInstead: `
import sys

import numpy as np
from torch.utils.data import Dataset, get_worker_info


# Shared by the helpers of every module: each RNG is reseeded once per worker.
_worker_rng_seeds = vars(sys).setdefault("_rng_fix_worker_seeds", {})


def _reseed_for_worker(rng):
    # An RNG object made before the DataLoader starts its workers is copied into
    # each of them with the same state; reseed each copy once per worker from
    # torch's per-worker seed (new every epoch, reproducible with torch.manual_seed).
    worker = get_worker_info()
    if worker is not None and _worker_rng_seeds.get(id(rng)) != worker.seed:
        _worker_rng_seeds[id(rng)] = worker.seed
        seed = worker.seed + len(_worker_rng_seeds) * 2**64  # a distinct stream per object
        rng.bit_generator.state = type(rng.bit_generator)(seed).state
    return rng


class NoisyDataset(Dataset):
    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)

    def __getitem__(self, index):
        return index + _reseed_for_worker(self.rng).normal()`,
  fixSafety: `
The fix is safe. Each worker-side use of the object goes through a helper
that, the first time a worker touches the object, reseeds it in place from
\`get_worker_info().seed\` (distinct per worker, new each epoch, and derived
from \`torch.manual_seed\`, so runs stay reproducible). In the main process
(\`num_workers=0\`) the helper returns the object untouched: a seeded generator
gives exactly the numbers it gave before. Objects of one worker get distinct
streams. This rule always uses the per-worker strategy: a \`worker_init_fn\`
cannot reach objects held inside transforms.`,
};

const KIND_LABEL: Record<RngObjectKind, string> = {
  'numpy-generator': 'NumPy Generator',
  'numpy-random-state': 'NumPy RandomState',
  'python-random': 'random.Random',
  'torch-generator': 'torch.Generator',
};

interface UseGroup {
  use: RngObjectUse;
  datasets: DatasetUse[];
}

/** How many of the draws a handed-over object reaches are listed with a finding. */
const MAX_DRAWS_LISTED = 5;

/** The statement by which a reseeding helper reseeds each kind of object. */
const RESEED_STATEMENT: Record<RngObjectKind, string> = {
  'numpy-generator': 'rng.bit_generator.state =',
  'numpy-random-state': 'rng.set_state(',
  'torch-generator': 'rng.manual_seed(',
  'python-random': 'rng.seed(',
};

/** Whether a helper an earlier run wrote reseeds every kind of object it would now be given: one made for a Generator would fail on a RandomState. */
function reseedsKinds(helperSource: string, kinds: ReadonlySet<RngObjectKind>): boolean {
  return [...kinds].every((kind) => helperSource.includes(RESEED_STATEMENT[kind]));
}

/** The helper each file's fixes call, covering every kind of RNG object those fixes touch. */
function helpersByFile(index: ProjectIndex, groups: UseGroup[]): Map<ProjectFile, { name: string; preamble: PreambleItem[] }> {
  const kindsByFile = new Map<ProjectFile, Set<RngObjectKind>>();
  for (const { use } of groups) {
    const kinds = kindsByFile.get(use.side.fn.file) ?? new Set<RngObjectKind>();
    for (const origin of use.origins) kinds.add(origin.rng);
    kindsByFile.set(use.side.fn.file, kinds);
  }
  const helpers = new Map<ProjectFile, { name: string; preamble: PreambleItem[] }>();
  for (const [file, kinds] of kindsByFile) {
    const existing = file.facts.functions.find(
      (fact, position) => fact.name.startsWith('_reseed_for_worker') && !fact.className && fact.parameters.length === 1 && isWorkerAware(index.functionAt(file, position), index) && reseedsKinds(file.source.text.slice(fact.start, fact.end), kinds),
    );
    if (existing) {
      helpers.set(file, { name: existing.name, preamble: [] });
      continue;
    }
    const helper = reseedForWorkerHelper(file, freeName(file, '_reseed_for_worker'), kinds);
    helpers.set(file, { name: helper.expression, preamble: helper.preamble });
  }
  return helpers;
}

export const rng002: Rule = {
  code: 'RNG002',
  name: 'rng-object-shared-across-workers',
  summary: 'An RNG object made in the parent process is used in DataLoader workers, which all get the same copy',
  docs,
  // Torch datasets derive from `...Dataset` (or torchvision's `ImageFolder`); loaders are `DataLoader`s; a `worker_init_fn` may reseed the objects.
  relevance: { words: ['Dataset', 'DataLoader', 'ImageFolder', 'worker_init_fn', 'seed_everything', HF_TRAINER_WORD] },
  check(analysis: Analysis) {
    const { index } = analysis;
    const groups = new Map<string, UseGroup>();
    for (const dataset of analysis.datasets) {
      const reseeded = reseededObjects(analysis.flow, dataset.workerLoaders, dataset.cls ? [dataset.cls] : []);
      for (const use of parentRngUses(analysis.flow, dataset.workerSide, reseeded)) {
        const key = `${use.side.fn.file.path}:${use.read.start}:${use.objectEnd}`;
        const group = groups.get(key) ?? { use, datasets: [] };
        group.datasets.push(dataset);
        groups.set(key, group);
      }
    }
    const helpers = helpersByFile(index, [...groups.values()].filter(({ use }) => use.provenRng));
    return [...groups.values()].map(({ use, datasets }) => {
      const file = use.side.fn.file;
      const object = sourceText(file, { start: use.read.start, end: use.objectEnd });
      const origin = use.origins[0];
      const kind = KIND_LABEL[origin.rng];
      const unlinked = datasets.every((dataset) => dataset.loaders.length === 0);
      const possible = unlinked || use.possible;
      const names = [...new Set(datasets.map((dataset) => `\`${dataset.name}\``))].join(', ');
      const madeIn = origin.madeIn.fact.id === '<module>' ? 'at module level' : `in \`${functionLabel(origin.madeIn)}\``;
      const message =
        `\`${object}\` is a ${kind} made ${madeIn} (${where(origin.file, origin.span.start)}) in the parent process and used in ` +
        `\`${functionLabel(use.side.fn)}\` in DataLoader workers of ${names}; every worker gets an identical copy, so workers draw the same numbers, ` +
        `and every epoch repeats them (torch reseeds only the global RNGs)` +
        (unlinked ? `; no DataLoader reading ${names} was found in the scanned code` : '') +
        (use.possible ? '; it is reached through a computed attribute name or registry key, so this may not happen' : '');
      // An object only handed over here (`np_rng = self.np_rng`) is reported where worker code draws from it; the fix still wraps the read.
      const draws = use.call ? [] : handedOverDraws(analysis.flow, datasets[0].workerSide, use);
      // In this file if worker code draws there, else where it first does (a helper module's `color_aug(data_rng, ...)`).
      const primaryDraw = draws.find((draw) => draw.fn.file === file) ?? draws[0];
      const otherDraws = draws.filter((draw) => draw !== primaryDraw).slice(0, MAX_DRAWS_LISTED);
      const readSpan = { start: use.read.start, end: use.objectEnd };
      const related: RelatedPlace[] = [
        ...use.origins.map((made) => ({ file: made.file, start: made.span.start, end: made.span.end, message: `${KIND_LABEL[made.rng]} made here` })),
        ...(primaryDraw ? [{ file, ...readSpan, message: `handed over to worker code here` }] : []),
        ...otherDraws.map((draw) => ({ file: draw.fn.file, start: draw.call.start, end: draw.call.end, message: 'drawn from here' })),
        ...datasets.flatMap((dataset) => dataset.workerLoaders.map(loaderPlace)),
      ];
      const span = use.call ?? primaryDraw?.call ?? readSpan;
      const reportedIn = use.call || !primaryDraw ? file : primaryDraw.fn.file;
      const helper = use.provenRng ? helpers.get(file) : undefined;
      return {
        code: 'RNG002',
        file: reportedIn,
        start: span.start,
        end: span.end,
        message,
        confidence: possible ? 'possible' : 'certain',
        related: uniquePlaces(related),
        fix: helper
          ? {
              description: `Reseed \`${object}\` once per worker, the first time a worker uses it, through \`${helper.name}\`.`,
              edits: [
                { file, start: use.read.start, end: use.read.start, text: `${helper.name}(` },
                { file, start: use.objectEnd, end: use.objectEnd, text: ')' },
              ],
              preamble: helper.preamble,
            }
          : null,
        ...(helper ? {} : { unfixableReason: `\`${object}\` may also hold something other than an RNG object, so rng-fix does not reseed it; make it per worker yourself (see --explain RNG002)` }),
      } satisfies RuleFinding;
    });
  },
};
