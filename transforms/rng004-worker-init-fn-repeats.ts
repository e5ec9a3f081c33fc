import { repairSeed } from '../src/fix/seeding-fixes.js';
import type { LoaderCall } from '../src/project/loaders.js';
import { mayStartWorkers } from '../src/project/loaders.js';
import { calledFunctions, seedingCallsIn, type SeedingCall } from '../src/project/seeding.js';
import { functionLabel, loaderPlace, sourceText, uniquePlaces } from '../src/rule-helpers.js';
import type { Analysis, DatasetUse, Rule, RuleFinding } from '../src/rule.js';

const docs = {
  whatItDoes: `
Finds seeding that repeats across epochs or workers: a \`worker_init_fn\`
passed to a DataLoader that may start workers, or a dataset's worker code,
calling \`np.random.seed\`, \`random.seed\` or \`torch.manual_seed\` with a
constant, \`worker_id\` alone, \`CONSTANT + worker_id\`, a configured seed such
as \`args.seed + worker_id\`, or (when the project admits torch < 1.9) a value
drawn from the parent's \`np.random.get_state()\`. Seeds derived from
\`torch.initial_seed()\` or \`get_worker_info().seed\` are correct and not
reported. A \`worker_init_fn\` that no DataLoader uses is not reported.`,
  whyIsThisBad: `
\`worker_init_fn\` runs after torch has seeded the worker, and overrides it.
\`worker_id\` is 0, 1, 2, ... in every epoch, so a seed built from it and
constants gives every epoch the same random numbers: the augmentations of
epoch 1 are replayed in every epoch after it. Reseeding per item with the item
index does the same inside \`__getitem__\`.`,
  example: `
import numpy as np
from torch.utils.data import DataLoader

def worker_init_fn(worker_id):
    np.random.seed(42 + worker_id)

loader = DataLoader(dataset, num_workers=4, worker_init_fn=worker_init_fn)`,
  useInstead: `
import numpy as np
import torch
from torch.utils.data import DataLoader

def worker_init_fn(worker_id):
    np.random.seed(torch.initial_seed() % 2**32)

loader = DataLoader(dataset, num_workers=4, worker_init_fn=worker_init_fn)`,
  fixSafety: `
The fix for a \`worker_init_fn\` is safe: its repeating seed is replaced by
torch's per-worker seed (\`torch.initial_seed()\`, reduced to 32 bits for NumPy),
which differs per worker and per epoch and follows \`torch.manual_seed\`, so runs
stay reproducible. When the seed comes from a local variable, that variable's
assignment is repaired. Reseeding inside \`__getitem__\` (for example
\`np.random.seed(index)\`) is reported without a fix: it may be deliberate
per-item determinism, and only you can say whether to remove it.`,
};

const RNG_LABEL = { numpy: "NumPy's global RNG", python: "Python's global RNG", torch: "torch's RNG" };

function repeats(call: SeedingCall, parentStateRepeats: boolean): boolean {
  return call.quality === 'repeating' || (call.quality === 'parent-state' && parentStateRepeats);
}

function seedFinding(call: SeedingCall, message: string, related: RuleFinding['related'], fix: RuleFinding['fix'], unfixableReason?: string): RuleFinding {
  return {
    code: 'RNG004',
    file: call.fn.file,
    start: call.call.start,
    end: call.call.end,
    message,
    confidence: 'certain',
    related,
    fix,
    ...(unfixableReason ? { unfixableReason } : {}),
  };
}

/** The seed as written, followed through one local variable: `seed` (= `args.seed + worker_id`). */
function describeSeed(call: SeedingCall): string {
  if (!call.seed) return '';
  const written = sourceText(call.fn.file, call.seed);
  const ref = call.seed.ref;
  if (!ref || ref.qname !== null || ref.chain.includes('.')) return `\`${written}\``;
  const assignments = call.fn.fact.assignments.filter((assignment) => assignment.target.chain === ref.chain);
  return assignments.length === 1 ? `\`${written}\` (= \`${sourceText(call.fn.file, assignments[0].value)}\`)` : `\`${written}\``;
}

function workerInitFnFindings(analysis: Analysis): RuleFinding[] {
  const { index, torch } = analysis;
  const loadersByCall = new Map<string, { call: SeedingCall; loaders: LoaderCall[] }>();
  for (const loader of analysis.loaders) {
    if (loader.workerInitFn.kind !== 'function' || !mayStartWorkers(loader)) continue;
    for (const fn of calledFunctions(index, loader.workerInitFn.fn)) {
      for (const call of seedingCallsIn(index, fn)) {
        if (!repeats(call, torch.admitsBefore19)) continue;
        const key = `${fn.file.path}:${call.call.start}`;
        const entry = loadersByCall.get(key) ?? { call, loaders: [] };
        entry.loaders.push(loader);
        loadersByCall.set(key, entry);
      }
    }
  }
  return [...loadersByCall.values()].map(({ call, loaders }) => {
    const seed = describeSeed(call);
    const why = call.quality === 'parent-state' ? `drawn from the parent's NumPy state, which torch < 1.9 gives every worker unchanged (${torch.evidence})` : 'the same in every epoch';
    const message = `worker_init_fn \`${functionLabel(call.fn)}\` seeds ${RNG_LABEL[call.rng]} with ${seed}, ${why}: it overrides torch's per-worker seeding, so every epoch repeats the same random numbers`;
    const plan = repairSeed(call);
    const fix = 'edits' in plan ? { description: `Seed from torch's per-worker seed instead of ${seed}.`, edits: plan.edits, preamble: plan.preamble } : null;
    return seedFinding(call, message, uniquePlaces(loaders.map(loaderPlace)), fix, 'reason' in plan ? plan.reason : undefined);
  });
}

function perItemFindings(analysis: Analysis): RuleFinding[] {
  const { index, torch } = analysis;
  const byCall = new Map<string, { call: SeedingCall; datasets: DatasetUse[] }>();
  for (const dataset of analysis.datasets) {
    for (const { fn } of dataset.workerSide.entries()) {
      for (const call of seedingCallsIn(index, fn)) {
        if (!repeats(call, torch.admitsBefore19)) continue;
        const key = `${fn.file.path}:${call.call.start}`;
        const entry = byCall.get(key) ?? { call, datasets: [] };
        if (!entry.datasets.includes(dataset)) entry.datasets.push(dataset);
        byCall.set(key, entry);
      }
    }
  }
  return [...byCall.values()].map(({ call, datasets }) => {
    const seed = describeSeed(call);
    const names = datasets.map((dataset) => `\`${dataset.cls.fact.name}\``).join(', ');
    const message = `\`${functionLabel(call.fn)}\` reseeds ${RNG_LABEL[call.rng]} with ${seed} in worker code of ${names}; the seed repeats every epoch, so each item gets the same random numbers every time it is loaded`;
    const related = uniquePlaces(datasets.flatMap((dataset) => dataset.workerLoaders.map(loaderPlace)));
    return seedFinding(call, message, related, null, 'per-item reseeding may be deliberate; remove it, or seed from torch.initial_seed(), yourself');
  });
}

export const rng004: Rule = {
  code: 'RNG004',
  name: 'worker-init-fn-repeats',
  summary: 'Worker seeding repeats across epochs or workers',
  docs,
  check(analysis) {
    const fromInitFns = workerInitFnFindings(analysis);
    const seen = new Set(fromInitFns.map((finding) => `${finding.file.path}:${finding.start}`));
    return [...fromInitFns, ...perItemFindings(analysis).filter((finding) => !seen.has(`${finding.file.path}:${finding.start}`))];
  },
};
