import type { Fix, PreambleItem } from '../src/fix/fix.js';
import { freeName, reseedInWorkerProcessHelper, seedWorkerProcessHelper, type RngObjectKind } from '../src/fix/python-code.js';
import type { ClassEntry, FunctionEntry, ProjectFile, ProjectIndex } from '../src/project/index.js';
import { findMultiprocessingRuns, isKerasSequence, type MultiprocessingRun } from '../src/project/keras.js';
import { globalDraws, isWorkerAware, parentRngUses, type GlobalDraw, type RngObjectUse } from '../src/project/rng-sources.js';
import { repeatingSeedingIn, seedingCallsIn } from '../src/project/seeding.js';
import { WorkerSideCode } from '../src/project/worker-side.js';
import { functionLabel, sourceText, undoneBy, uniquePlaces, where } from '../src/rule-helpers.js';
import type { Analysis, RelatedPlace, Rule, RuleFinding } from '../src/rule.js';

const docs = {
  whatItDoes: `
Finds Keras \`Sequence\` / \`PyDataset\` classes (\`keras.utils\`,
\`tf.keras.utils\`, \`tensorflow.keras.utils\`, directly or through project
classes) whose \`__getitem__\`, or code it calls, draws from NumPy's global RNG
or from an RNG object made in the parent process (\`np.random.default_rng\`,
\`RandomState\`, \`random.Random\`), when
the dataset runs with \`use_multiprocessing=True\` and more than one worker:
passed to \`fit\`, \`fit_generator\`, \`evaluate\`, \`evaluate_generator\`,
\`predict\` or \`predict_generator\` with those arguments, or (Keras 3) given
them through the \`PyDataset\` constructor. \`__init__\`, \`__len__\`,
\`on_epoch_begin\` and \`on_epoch_end\` run in the main process and are not
reported: \`np.random.shuffle(self.indexes)\` in \`on_epoch_end\` is fine.
Settings that are not literals make the finding \`possible\`. Python's global
\`random\` is not reported: Python itself reseeds it in every forked process
(\`os.register_at_fork\`), measured: 8 draws from 4 forked pool workers after
\`random.seed(1)\` were all distinct.`,
  whyIsThisBad: `
With \`use_multiprocessing=True\` Keras runs \`__getitem__\` in a
\`multiprocessing\` pool that it starts with no random seed
(\`initargs=(seqs, None, ...)\` in Keras 3 and in tf.keras 2), and it builds a
new pool every epoch. Every worker process starts with a copy of the parent's
random state, so workers produce the same augmentations, and every epoch
replays the last. Nothing in Keras 2 or 3 reseeds NumPy or RNG objects in the
workers. With \`use_multiprocessing=False\` the workers are
threads sharing one RNG, and nothing repeats.`,
  example: `
import numpy as np
from keras.utils import PyDataset


class NoisyBatches(PyDataset):
    def __init__(self, **kwargs):
        super().__init__(workers=4, use_multiprocessing=True, **kwargs)

    def __len__(self):
        return 8

    def __getitem__(self, index):
        return np.random.rand(2, 3), np.zeros(2)`,
  useInstead: `
import multiprocessing
import os

import numpy as np
from keras.utils import PyDataset


_seeded_process = None


def _seed_worker_process():
    # Keras runs this dataset in a pool of processes that start with copies of
    # the parent's random state; reseed once in each worker process.
    global _seeded_process
    if multiprocessing.parent_process() is not None and _seeded_process != os.getpid():
        _seeded_process = os.getpid()
        np.random.seed()


class NoisyBatches(PyDataset):
    def __init__(self, **kwargs):
        super().__init__(workers=4, use_multiprocessing=True, **kwargs)

    def __len__(self):
        return 8

    def __getitem__(self, index):
        _seed_worker_process()
        return np.random.rand(2, 3), np.zeros(2)`,
  fixSafety: `
The fix is safe. \`__getitem__\` first calls a helper that, once in each
worker process (a process started by \`multiprocessing\`), reseeds NumPy's
global RNG with fresh entropy; worker-side uses of an RNG
object made in the parent go through a helper that reseeds the object once in
each worker process. The main process is left alone: with
\`use_multiprocessing=False\` or \`workers=0\`, a program seeded with
\`np.random.seed(s)\` gives exactly the data it gave before. Worker streams are
not reproducible from run to run (Keras gives its workers no seed to derive
them from). Caveat: if the training program itself runs as a
\`multiprocessing\` child, its main process is reseeded too. \`--strategy\` has
no \`worker_init_fn\` form for Keras: both strategies make the random source
belong to the worker process.`,
};

const KIND_LABEL: Record<RngObjectKind, string> = { 'numpy-generator': 'NumPy Generator', 'numpy-random-state': 'NumPy RandomState', 'python-random': 'random.Random', 'torch-generator': 'torch.Generator' };

interface SequenceUse {
  cls: ClassEntry;
  runs: MultiprocessingRun[];
  draws: GlobalDraw[];
  objects: RngObjectUse[];
  workerSide: WorkerSideCode;
}

/** Whether the worker code already reseeds NumPy's global RNG with fresh entropy (as this rule's fix does). */
function reseedsNumpy(index: ProjectIndex, workerSide: WorkerSideCode): boolean {
  return workerSide.entries().some(({ fn }) => seedingCallsIn(index, fn).some((call) => call.rng === 'numpy' && call.quality === 'fresh'));
}

function runPlaces(runs: MultiprocessingRun[]): RelatedPlace[] {
  return uniquePlaces(runs.map((run) => ({ file: run.file, start: run.call.start, end: run.call.end, message: run.description })));
}

/** A helper the fixes of one file share, named once and covering what all those fixes need. */
function existingWorkerProcessHelper(index: ProjectIndex, file: ProjectFile, parameters: number): string | null {
  const found = file.facts.functions.find((fact, position) => !fact.className && !fact.isLambda && fact.id !== '<module>' && fact.parameters.length === parameters && isWorkerAware(index.functionAt(file, position), index) && index.functionAt(file, position).fact.calls.some((call) => call.callee?.chain.endsWith('parent_process')));
  return found?.name ?? null;
}

export const rng003: Rule = {
  code: 'RNG003',
  name: 'keras-sequence-multiprocessing',
  summary: 'A Keras Sequence / PyDataset draws random numbers in worker processes that all start with the same state',
  docs,
  // Keras `Sequence` / `PyDataset` classes are imported from `keras` or `tensorflow.keras` (plain `Sequence` would match `typing.Sequence` everywhere);
  // a file that only builds one with worker processes names `use_multiprocessing`.
  relevance: { words: ['keras', 'use_multiprocessing'] },
  check(analysis: Analysis) {
    const { index } = analysis;
    const sequences = index.allClasses().filter((cls) => isKerasSequence(index, cls));
    const runs = findMultiprocessingRuns(analysis.flow, sequences);
    const uses: SequenceUse[] = [];
    for (const cls of sequences) {
      const mine = runs.filter((run) => run.cls === cls);
      if (mine.length === 0) continue;
      const workerSide = WorkerSideCode.ofDataset(analysis.flow, cls, ['__getitem__']);
      // Python's global `random` is left out: Python reseeds it in every forked process.
      const draws = reseedsNumpy(index, workerSide) ? [] : globalDraws(index, workerSide, 'numpy.random');
      uses.push({ cls, runs: mine, draws, objects: parentRngUses(analysis.flow, workerSide, new Set()), workerSide });
    }

    // Helpers: one per file, covering every global RNG / object kind that file's fixes need.
    const entryOf = (cls: ClassEntry): FunctionEntry | null => index.lookupMethod(cls, '__getitem__');
    const seededFiles = new Set(uses.filter((use) => use.draws.length > 0).flatMap((use) => entryOf(use.cls)?.file ?? []));
    const kindsByFile = new Map<ProjectFile, Set<RngObjectKind>>();
    for (const use of uses) {
      for (const object of use.objects.filter((candidate) => candidate.provenRng)) {
        const kinds = kindsByFile.get(object.side.fn.file) ?? new Set<RngObjectKind>();
        for (const origin of object.origins) kinds.add(origin.rng);
        kindsByFile.set(object.side.fn.file, kinds);
      }
    }
    const seedHelpers = new Map<ProjectFile, { name: string; preamble: PreambleItem[] }>();
    for (const file of seededFiles) {
      const existing = existingWorkerProcessHelper(index, file, 0);
      const helper = existing ? { expression: existing, preamble: [] } : seedWorkerProcessHelper(file, freeName(file, '_seed_worker_process'));
      seedHelpers.set(file, { name: helper.expression, preamble: helper.preamble });
    }
    const objectHelpers = new Map<ProjectFile, { name: string; preamble: PreambleItem[] }>();
    for (const [file, kinds] of kindsByFile) {
      const existing = existingWorkerProcessHelper(index, file, 1);
      const helper = existing ? { expression: existing, preamble: [] } : reseedInWorkerProcessHelper(file, freeName(file, '_reseed_in_worker_process'), kinds);
      objectHelpers.set(file, { name: helper.expression, preamble: helper.preamble });
    }

    const findings = new Map<string, RuleFinding>();
    for (const use of uses) {
      const confidence = use.runs.some((run) => run.confidence === 'certain') ? 'certain' : 'possible';
      const name = `\`${use.cls.fact.name}\``;
      const settings = confidence === 'certain' ? 'use_multiprocessing=True with several workers' : 'when use_multiprocessing and workers, set at run time, start several worker processes';
      const why = `every worker process starts with the same copy of it and Keras builds a new pool every epoch, so batches repeat across workers and epochs (Keras never reseeds it)`;
      for (const draw of use.draws) {
        const key = `${draw.side.fn.file.path}:${draw.call.start}`;
        if (findings.has(key)) continue;
        const file = draw.side.fn.file;
        const callee = sourceText(file, { start: draw.call.start, end: draw.call.argumentList.start });
        const entry = entryOf(use.cls);
        let fix: Fix | null = null;
        let unfixableReason: string | undefined;
        if (!entry?.fact.bodyInsertion) {
          unfixableReason = `\`${entry?.fact.id ?? '__getitem__'}\` is written on one line; put its body on its own line first`;
        } else {
          const helper = seedHelpers.get(entry.file)!;
          const { offset, indent } = entry.fact.bodyInsertion;
          fix = {
            description: `Reseed NumPy's global RNG once in each Keras worker process, where \`${entry.fact.id}\` starts.`,
            edits: [{ file: entry.file, start: offset, end: offset, text: `${indent}${helper.name}()\n` }],
            preamble: helper.preamble,
          };
        }
        findings.set(key, {
          code: 'RNG003',
          file,
          start: draw.call.start,
          end: draw.call.end,
          message: `\`${callee}()\` in \`${functionLabel(draw.side.fn)}\` draws from NumPy's global RNG in Keras worker processes of ${name} (${settings}); ${why}`,
          confidence,
          related: runPlaces(use.runs),
          fix,
          ...(unfixableReason ? { unfixableReason } : {}),
          notEffectiveReason: undoneBy(repeatingSeedingIn(index, use.workerSide.entries().map((side) => side.fn), 'numpy'), "NumPy's global RNG", null),
        });
      }
      for (const object of use.objects) {
        const file = object.side.fn.file;
        const key = `${file.path}:${object.read.start}:${object.objectEnd}`;
        if (findings.has(key)) continue;
        const text = sourceText(file, { start: object.read.start, end: object.objectEnd });
        const origin = object.origins[0];
        const helper = object.provenRng ? objectHelpers.get(file)! : null;
        const span = object.call ?? { start: object.read.start, end: object.objectEnd };
        findings.set(key, {
          code: 'RNG003',
          file,
          start: span.start,
          end: span.end,
          message: `\`${text}\` is a ${KIND_LABEL[origin.rng]} made in the parent process (${where(origin.file, origin.span.start)}) and used in \`${functionLabel(object.side.fn)}\` in Keras worker processes of ${name}; ${why}`,
          confidence,
          related: uniquePlaces([...object.origins.map((made) => ({ file: made.file, start: made.span.start, end: made.span.end, message: `${KIND_LABEL[made.rng]} made here` })), ...runPlaces(use.runs)]),
          fix: helper && {
            description: `Reseed \`${text}\` once in each Keras worker process, the first time it is used there, through \`${helper.name}\`.`,
            edits: [
              { file, start: object.read.start, end: object.read.start, text: `${helper.name}(` },
              { file, start: object.objectEnd, end: object.objectEnd, text: ')' },
            ],
            preamble: helper.preamble,
          },
          ...(helper ? {} : { unfixableReason: `\`${text}\` may also hold something other than an RNG object, so rng-fix does not reseed it` }),
        });
      }
    }
    return [...findings.values()];
  },
};
