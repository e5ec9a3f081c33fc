/**
 * Keras `Sequence` / `PyDataset` classes and the places that run them in a
 * multiprocessing pool: `fit`, `evaluate`, `predict` (and their `_generator`
 * forms) with `use_multiprocessing=True` and `workers` > 1, or, in Keras 3, the
 * `PyDataset` constructor receiving those arguments.
 */
import type { Context, ValueFlow } from '../flow/flow.js';
import { instancesIn, type Value, type Values } from '../flow/values.js';
import type { CallFact } from '../python/facts.js';
import { argumentFor, type ClassEntry, type ProjectFile, type ProjectIndex } from './index.js';
import { KERAS_RUN_METHODS, KERAS_SEQUENCES } from '../models/keras.js';

export { KERAS_SEQUENCES } from '../models/keras.js';
const RUN_METHODS = KERAS_RUN_METHODS;

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

/**
 * What a keyword argument may be at a call, as literal texts (`'True'`, `'4'`;
 * `'?'` for a value the code does not fix; null when it is not given): given
 * directly, through `**kwargs` / `**common` dicts, or through parameters to
 * the arguments of the callers.
 */
function settingTexts(flow: ValueFlow, ctx: Context, call: CallFact, keyword: string): (string | null)[] {
  const argument = call.arguments.find((item) => item.keyword === keyword);
  let values: Values | null = null;
  if (argument) values = flow.valuesOfFact(argument.value, ctx);
  else {
    const splats = call.arguments.filter((item) => item.splat === '**');
    if (splats.length === 0) return [null];
    const texts: (string | null)[] = [];
    for (const splat of splats) {
      for (const value of flow.valuesOfFact(splat.value, ctx).values) {
        if (value.kind !== 'container') texts.push('?');
        else if (value.byKey?.has(keyword)) texts.push(...value.byKey.get(keyword)!.map(literalText));
        else texts.push(value.exact ? null : '?');
      }
    }
    return texts.length > 0 ? texts : [null];
  }
  return values.values.map(literalText);
}

function literalText(value: Value): string {
  return value.kind === 'literal' ? value.value : '?';
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

export function findMultiprocessingRuns(flow: ValueFlow, sequences: readonly ClassEntry[]): MultiprocessingRun[] {
  const index = flow.index;
  const runs: MultiprocessingRun[] = [];
  const wanted = new Set(sequences);
  // fit(...), evaluate(...), predict(...) with the settings.
  for (const method of RUN_METHODS) {
    for (const { call, in: where } of index.callSitesNamed(method)) {
      if (!call.callee?.chain.includes('.')) continue;
      const data = argumentFor(call, method.endsWith('_generator') ? 'generator' : 'x', 0);
      if (!data) continue;
      const ctx = flow.contextOf(where);
      const classes = new Set(instancesIn(flow.valuesOfFact(data, ctx)).flatMap((instance) => (wanted.has(instance.cls) ? [instance.cls] : [])));
      if (classes.size === 0) continue;
      const confidence = bestOf(settingTexts(flow, ctx, call, 'use_multiprocessing'), settingTexts(flow, ctx, call, 'workers'));
      if (!confidence) continue;
      for (const cls of classes) runs.push({ cls, file: where.file, call, confidence, description: `\`${method}\` with use_multiprocessing and workers` });
    }
  }
  // Keras 3: `super().__init__(workers=..., use_multiprocessing=...)` in the class or its bases.
  for (const cls of sequences) {
    for (const current of index.mro(cls)) {
      const init = current.fact.methods.__init__;
      if (init === undefined) continue;
      const where = index.functionAt(current.file, init);
      const ctx = { fn: where, self: cls };
      for (const call of where.fact.calls) {
        const chain = call.callee?.chain ?? '';
        if (chain !== 'super().__init__' && !chain.endsWith('.__init__')) continue;
        const confidence = bestOf(settingTexts(flow, ctx, call, 'use_multiprocessing'), settingTexts(flow, ctx, call, 'workers'));
        if (confidence) runs.push({ cls, file: current.file, call, confidence, description: 'PyDataset constructor with use_multiprocessing and workers' });
      }
    }
  }
  return runs;
}
