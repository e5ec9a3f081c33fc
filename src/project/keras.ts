/**
 * Keras `Sequence` / `PyDataset` classes and the places that run them in a
 * multiprocessing pool: `fit`, `evaluate`, `predict` (and their `_generator`
 * forms) with `use_multiprocessing=True` and `workers` > 1, or, in Keras 3, the
 * `PyDataset` constructor receiving those arguments.
 */
import type { CallFact, ValueFact } from '../python/facts.js';
import { argumentFor, type ClassEntry, type FunctionEntry, type ProjectFile, type ProjectIndex } from './index.js';

export const KERAS_SEQUENCES = new Set([
  'keras.utils.Sequence',
  'keras.utils.PyDataset',
  'keras.utils.data_utils.Sequence',
  'keras.src.utils.data_utils.Sequence',
  'keras.src.trainers.data_adapters.py_dataset_adapter.PyDataset',
  'tensorflow.keras.utils.Sequence',
  'tensorflow.keras.utils.PyDataset',
  'tensorflow.python.keras.utils.data_utils.Sequence',
  'tf_keras.utils.Sequence',
]);

const RUN_METHODS = new Set(['fit', 'fit_generator', 'evaluate', 'evaluate_generator', 'predict', 'predict_generator']);

/** What a setting is, as far as the code shows: on, off, or depending on run-time values. */
type Setting = 'on' | 'off' | 'maybe';

export interface MultiprocessingRun {
  cls: ClassEntry;
  file: ProjectFile;
  call: CallFact;
  /** `certain` when both settings are literals that turn multiprocessing on. */
  confidence: 'certain' | 'possible';
  description: string;
}

export function isKerasSequence(index: ProjectIndex, cls: ClassEntry): boolean {
  return index.derivesFrom(cls, KERAS_SEQUENCES);
}

function literal(file: ProjectFile, value: ValueFact): string {
  return file.source.text.slice(value.start, value.end).trim();
}

function multiprocessingSetting(text: string | null): Setting {
  if (text === null || text === 'False' || text === '0' || text === 'None') return 'off';
  return text === 'True' || text === '1' ? 'on' : 'maybe';
}

function workersSetting(text: string | null): Setting {
  if (text === null) return 'off';
  if (/^\d+$/.test(text)) return Number(text) > 1 ? 'on' : 'off';
  return 'maybe';
}

function combine(multiprocessing: Setting, workers: Setting): 'certain' | 'possible' | null {
  if (multiprocessing === 'off' || workers === 'off') return null;
  return multiprocessing === 'on' && workers === 'on' ? 'certain' : 'possible';
}

/** The text of a keyword at a call, following a parameter of the enclosing function to its callers' arguments or its default. */
function settingTexts(index: ProjectIndex, where: FunctionEntry, call: CallFact, keyword: string, cls: ClassEntry | null): (string | null)[] {
  const argument = call.arguments.find((item) => item.keyword === keyword);
  if (!argument) {
    // `super().__init__(**kwargs)`: the keyword may come from where the class is constructed.
    if (cls && call.arguments.some((item) => item.splat === '**')) {
      const sites = index.constructorCalls(cls);
      return sites.length > 0 ? sites.map((site) => argumentTextAt(site.in.file, site.call, keyword)) : [null];
    }
    return [null];
  }
  const text = literal(where.file, argument.value);
  const position = where.fact.parameters.indexOf(text);
  if (position < 0 || !cls || where.fact.name !== '__init__') return [text];
  const sites = index.constructorCalls(cls);
  const fallback = where.fact.defaults[text] ?? null;
  if (sites.length === 0) return [fallback];
  return sites.map((site) => {
    const value = argumentFor(site.call, text, position - 1);
    return value ? literal(site.in.file, value) : fallback;
  });
}

function argumentTextAt(file: ProjectFile, call: CallFact, keyword: string): string | null {
  const argument = call.arguments.find((item) => item.keyword === keyword);
  return argument ? literal(file, argument.value) : null;
}

/** The most certain combination of settings over every way they may be given. */
function bestOf(multiprocessing: (string | null)[], workers: (string | null)[]): 'certain' | 'possible' | null {
  let best: 'certain' | 'possible' | null = null;
  for (const mp of multiprocessing) {
    for (const count of workers) {
      const result = combine(multiprocessingSetting(mp), workersSetting(count));
      if (result === 'certain') return result;
      best ??= result;
    }
  }
  return best;
}

export function findMultiprocessingRuns(index: ProjectIndex, sequences: ClassEntry[]): MultiprocessingRun[] {
  const runs: MultiprocessingRun[] = [];
  const wanted = new Set(sequences);
  // fit(...), evaluate(...), predict(...) with the settings.
  for (const file of [...index.files]) {
    file.facts.functions.forEach((fact, functionIndex) => {
      for (const call of fact.calls) {
        const method = call.callee?.chain.split('.').pop() ?? '';
        if (!RUN_METHODS.has(method) || !call.callee?.chain.includes('.')) continue;
        const where = index.functionAt(file, functionIndex);
        const data = argumentFor(call, method.endsWith('_generator') ? 'generator' : 'x', 0);
        if (!data) continue;
        const classes = new Set(index.originsOf(data, where, where.owner).flatMap((origin) => (origin.kind === 'instance' && wanted.has(origin.cls) ? [origin.cls] : [])));
        if (classes.size === 0) continue;
        const confidence = bestOf(settingTexts(index, where, call, 'use_multiprocessing', null), settingTexts(index, where, call, 'workers', null));
        if (!confidence) continue;
        for (const cls of classes) runs.push({ cls, file, call, confidence, description: `\`${method}\` with use_multiprocessing and workers` });
      }
    });
  }
  // Keras 3: `super().__init__(workers=..., use_multiprocessing=...)` in the class or its bases.
  for (const cls of sequences) {
    for (const current of index.mro(cls)) {
      const init = current.fact.methods.__init__;
      if (init === undefined) continue;
      const where = index.functionAt(current.file, init);
      for (const call of where.fact.calls) {
        const chain = call.callee?.chain ?? '';
        if (chain !== 'super().__init__' && !chain.endsWith('.__init__')) continue;
        const confidence = bestOf(settingTexts(index, where, call, 'use_multiprocessing', cls), settingTexts(index, where, call, 'workers', cls));
        if (confidence) runs.push({ cls, file: current.file, call, confidence, description: 'PyDataset constructor with use_multiprocessing and workers' });
      }
    }
  }
  return runs;
}
