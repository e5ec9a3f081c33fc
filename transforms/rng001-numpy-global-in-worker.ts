import { TORCH_ENTRY_METHODS } from '../src/analysis.js';
import { combinePlans, seedNumpyAtLoader, type FixPlan } from '../src/fix/seeding-fixes.js';
import { freeName, seedNumpyInWorkerHelper } from '../src/fix/python-code.js';
import type { ProjectFile, ProjectIndex } from '../src/project/index.js';
import type { LoaderCall } from '../src/project/loaders.js';
import { globalDraws, isWorkerAware, type GlobalDraw } from '../src/project/rng-sources.js';
import { repeatingSeedingIn, seedingCallsIn, seedsOnceFromDistinctItem, workerInitFnSeeding } from '../src/project/seeding.js';
import { functionLabel, loaderPlace, sourceText, undoneBy, uniquePlaces, where } from '../src/rule-helpers.js';
import type { Analysis, DatasetUse, Rule, RuleFinding } from '../src/rule.js';

const docs = {
  whatItDoes: `
Finds draws from NumPy's global random number generator (\`np.random.rand\`,
\`np.random.randint\`, \`from numpy.random import choice\`, ...) in code that
runs inside DataLoader worker processes: \`__getitem__\`, \`__getitems__\` and
\`__iter__\` of a \`torch.utils.data.Dataset\`, and everything they call
(methods, module functions, transforms held in attributes), when a DataLoader
may start workers and passes no \`worker_init_fn\` that seeds NumPy.

It is reported when the project admits torch < 1.9 or its torch version is
unknown. Torch 1.9 and newer reseed NumPy's global RNG in every worker, so the
rule is silent when the project's requirements exclude older releases (or
\`--torch-version\` says so).`,
  whyIsThisBad: `
Worker processes are forked from the training process and start with a copy of
its NumPy random state. Before torch 1.9 nothing reseeded it, so every worker
produced the same "random" crops, flips and noise, and because workers are
created anew each epoch, every epoch repeated the last one. The model sees a
fraction of the augmentations you think it sees.`,
  example: `
import numpy as np
from torch.utils.data import DataLoader, Dataset

class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return index + np.random.rand()

loader = DataLoader(NoisyDataset(), num_workers=4)`,
  useInstead: `
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return index + np.random.rand()

loader = DataLoader(NoisyDataset(), num_workers=4, worker_init_fn=seed_worker)`,
  fixSafety: `
The fix is safe: it changes which random numbers each worker draws, not how
many or from which distribution. Streams stay reproducible under
\`torch.manual_seed\`, and with \`num_workers=0\` nothing changes.

With \`--strategy worker-init-fn\` (and with \`auto\` when the DataLoader is in the
scanned code) each affected DataLoader gets \`worker_init_fn=seed_worker\`; an
existing \`worker_init_fn\` is kept, and NumPy seeding is added to it or its
repeating seed is repaired. With \`--strategy per-worker-rng\` (and with \`auto\`
when no DataLoader for the dataset is in sight, for example under PyTorch
Lightning) the dataset's entry methods reseed NumPy's global RNG once per
worker from \`get_worker_info().seed\`. A DataLoader that passes \`**kwargs\`,
or a \`worker_init_fn\` rng-fix cannot see, is reported without a fix.`,
};

/**
 * Whether a loader's `worker_init_fn` seeds NumPy (or may, in code we cannot
 * see). A repeating seed there is RNG004's finding and fix, not this rule's.
 * Lightning's `seed_everything(workers=True)` seeds loaders that pass none,
 * and Hugging Face's Trainer passes its own.
 */
function loaderSeedsNumpy(analysis: Analysis, loader: LoaderCall): boolean {
  const initFn = loader.workerInitFn;
  if (loader.builtBy?.seedsGlobalRngs) return true;
  if (initFn.kind === 'absent') return analysis.lightningSeeding !== null;
  if (initFn.kind === 'unresolved') return true;
  return initFn.functions.some((candidate) => {
    const seeding = workerInitFnSeeding(analysis.index, candidate.fn);
    return seeding.numpy !== 'absent' || seeding.callsUnknownCode;
  });
}

/** Whether the dataset's own worker code reseeds NumPy per worker (as this rule's per-worker fix does). */
function datasetSeedsNumpy(index: ProjectIndex, dataset: DatasetUse): boolean {
  return dataset.workerSide.entries().some(({ fn }) => seedingCallsIn(index, fn).some((call) => call.rng === 'numpy' && (call.quality === 'fresh' || seedsOnceFromDistinctItem(index, call, dataset.workerLoaders))));
}

interface DrawGroup {
  draw: GlobalDraw;
  datasets: DatasetUse[];
  /** Loaders that may start workers without seeding NumPy. */
  loaders: LoaderCall[];
}

/** Reseeds NumPy once per worker at the start of every entry method of the datasets. */
function seedInsideDatasets(index: ProjectIndex, datasets: DatasetUse[]): FixPlan[] {
  const plans: FixPlan[] = [];
  const helperNames = new Map<ProjectFile, string>();
  for (const dataset of datasets) {
    for (const method of TORCH_ENTRY_METHODS) {
      if (!dataset.cls) {
        plans.push({ reason: `\`${dataset.name}\` is a library dataset; seed NumPy through its DataLoader's worker_init_fn (--strategy worker-init-fn)` });
        break;
      }
      const entry = index.lookupMethod(dataset.cls, method);
      if (!entry) continue;
      const file = entry.file;
      if (!entry.fact.bodyInsertion) {
        plans.push({ reason: `\`${entry.fact.id}\` is written on one line; put its body on its own line first` });
        continue;
      }
      const existing = file.facts.functions.find((fact, position) => !fact.className && !fact.isLambda && fact.parameters.length === 0 && isWorkerAware(index.functionAt(file, position), index) && seedingCallsIn(index, index.functionAt(file, position)).some((call) => call.rng === 'numpy' && call.quality === 'fresh'));
      const name = existing?.name ?? helperNames.get(file) ?? freeName(file, '_seed_numpy_for_worker');
      helperNames.set(file, name);
      const helper = existing ? { expression: name, preamble: [] } : seedNumpyInWorkerHelper(file, name);
      const { offset, indent } = entry.fact.bodyInsertion;
      plans.push({ edits: [{ file, start: offset, end: offset, text: `${indent}${helper.expression}()\n` }], preamble: helper.preamble });
    }
  }
  return plans;
}

function fixFor(analysis: Analysis, group: DrawGroup): { fix: RuleFinding['fix']; unfixableReason?: string } {
  const { index, strategy } = analysis;
  const unlinked = group.datasets.filter((dataset) => dataset.loaders.length === 0);
  const atLoaders = strategy === 'worker-init-fn' || (strategy === 'auto' && unlinked.length === 0);
  let result;
  if (atLoaders) {
    if (unlinked.length > 0) {
      return { fix: null, unfixableReason: `no DataLoader reading \`${unlinked[0].name}\` was found in the scanned code; \`--strategy per-worker-rng\` fixes it inside the dataset` };
    }
    const described = group.loaders.map((loader) => where(loader.file, loader.call.start)).join(', ');
    result = combinePlans(
      `Seed NumPy's global RNG per worker through the worker_init_fn of the DataLoader at ${described}.`,
      group.loaders.map((loader) => seedNumpyAtLoader(index, loader)),
    );
  } else {
    const names = [...new Set(group.datasets.map((dataset) => `\`${dataset.name}\``))].join(', ');
    result = combinePlans(`Reseed NumPy's global RNG once per worker where ${names} starts work in a worker.`, seedInsideDatasets(index, group.datasets));
  }
  return 'fix' in result ? { fix: result.fix } : { fix: null, unfixableReason: result.reason };
}

export const rng001: Rule = {
  code: 'RNG001',
  name: 'numpy-global-in-worker',
  summary: "NumPy's global RNG is drawn from in DataLoader workers that torch < 1.9 does not reseed",
  docs,
  // Torch datasets derive from `...Dataset` (or torchvision's `ImageFolder`); loaders are `DataLoader`s; Lightning's `seed_everything` decides their seeding.
  relevance: { words: ['Dataset', 'DataLoader', 'ImageFolder', 'worker_init_fn', 'seed_everything'] },
  check(analysis) {
    const { index, torch } = analysis;
    const groups = new Map<string, DrawGroup>();
    for (const dataset of analysis.datasets) {
      if (datasetSeedsNumpy(index, dataset)) continue;
      const loaders = dataset.workerLoaders.filter((loader) => !loaderSeedsNumpy(analysis, loader));
      if (dataset.loaders.length > 0 && loaders.length === 0) continue;
      for (const draw of globalDraws(index, dataset.workerSide, 'numpy.random')) {
        // Torch >= 1.9 reseeds NumPy's global RNG per worker: the draw matters only where older torch is admitted.
        if (!torch.forFile(draw.side.fn.file.path).admitsBefore19) continue;
        const key = `${draw.side.fn.file.path}:${draw.call.start}`;
        const group = groups.get(key) ?? { draw, datasets: [], loaders: [] };
        group.datasets.push(dataset);
        for (const loader of loaders) if (!group.loaders.includes(loader)) group.loaders.push(loader);
        groups.set(key, group);
      }
    }
    return [...groups.values()].map((group) => {
      const { draw } = group;
      const file = draw.side.fn.file;
      const unlinked = group.datasets.every((dataset) => dataset.loaders.length === 0);
      const possible = unlinked || draw.side.possible;
      const names = [...new Set(group.datasets.map((dataset) => `\`${dataset.name}\``))].join(', ');
      const callee = sourceText(file, { start: draw.call.start, end: draw.call.argumentList.start });
      const message =
        `\`${callee}()\` in \`${functionLabel(draw.side.fn)}\` draws from NumPy's global RNG in DataLoader workers of ${names}; ` +
        `torch < 1.9 gives every worker the same copy of it, so workers repeat each other's numbers every epoch ` +
        `(torch >= 1.9 reseeds it per worker, but the project may run older torch: ${torch.forFile(file.path).evidence})` +
        (unlinked ? `; no DataLoader reading ${names} was found in the scanned code` : '') +
        (draw.side.possible ? `; \`${functionLabel(draw.side.fn)}\` is reached through a computed attribute name or registry key, so this may not happen` : '');
      return {
        code: 'RNG001',
        file,
        start: draw.call.start,
        end: draw.call.end,
        message,
        confidence: possible ? 'possible' : 'certain',
        related: uniquePlaces(group.loaders.map(loaderPlace)),
        ...fixFor(analysis, group),
        notEffectiveReason: undoneBy(repeatingSeedingIn(index, group.datasets.flatMap((dataset) => dataset.workerSide.entries().map((side) => side.fn)), 'numpy'), "NumPy's global RNG", 'RNG004'),
      } satisfies RuleFinding;
    });
  },
};
