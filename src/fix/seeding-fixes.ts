/**
 * Fixes shared by rules that seed workers: passing a `worker_init_fn` to a
 * DataLoader, adding NumPy seeding to an existing one, and repairing a seed
 * that repeats.
 */
import type { CallFact } from '../python/facts.js';
import type { FunctionEntry, ProjectFile, ProjectIndex } from '../project/index.js';
import { passedToBaseLoader, type LoaderCall } from '../project/loaders.js';
import { seedRepeats, workerInitFnSeeding, type SeedingCall } from '../project/seeding.js';
import type { Fix, PreambleItem, TextEdit } from './fix.js';
import { freeName, numpyRandom, seedWorkerHelper, workerSeedExpression } from './python-code.js';

export type FixPlan = { edits: TextEdit[]; preamble: PreambleItem[] } | { reason: string };

export function isPlanned(plan: FixPlan): plan is { edits: TextEdit[]; preamble: PreambleItem[] } {
  return 'edits' in plan;
}

/** Joins plans into one fix, or gives the first reason one of them cannot be made. */
export function combinePlans(description: string, plans: FixPlan[]): { fix: Fix } | { reason: string } {
  const refused = plans.find((plan) => !isPlanned(plan));
  if (refused && !isPlanned(refused)) return { reason: refused.reason };
  const planned = plans.filter(isPlanned);
  return { fix: { description, edits: planned.flatMap((plan) => plan.edits), preamble: planned.flatMap((plan) => plan.preamble) } };
}

/** Adds `keyword=value` as the last argument of a call, in the call's own layout. */
export function addKeywordArgument(file: ProjectFile, call: CallFact, keyword: string, value: string): TextEdit[] {
  const text = file.source.text;
  const argument = `${keyword}=${value}`;
  const { start: open, end: close } = call.argumentList;
  if (call.arguments.length === 0) return [{ file, start: open + 1, end: open + 1, text: argument }];
  const lastEnd = Math.max(...call.arguments.map((item) => item.value.end));
  const lastStart = Math.min(...call.arguments.filter((item) => item.value.end === lastEnd).map((item) => item.value.start));
  const lineStartOfLast = text.lastIndexOf('\n', lastStart - 1) + 1;
  const onOwnLine = /^[ \t]*(\*\*?|\w+\s*=\s*)?$/.test(text.slice(lineStartOfLast, lastStart));
  const between = text.slice(lastEnd, close - 1);
  const trailingComma = /^\s*,/.test(between);
  if (!onOwnLine || lineStartOfLast <= open) {
    return [{ file, start: lastEnd, end: lastEnd, text: `, ${argument}` }];
  }
  // One argument per line: a new line with the same indentation, after any comment.
  const indent = /^[ \t]*/.exec(text.slice(lineStartOfLast))![0];
  const commaEnd = trailingComma ? lastEnd + between.indexOf(',') + 1 : lastEnd;
  const lineEnd = text.slice(commaEnd).search(/\r?\n/);
  const insertAt = lineEnd < 0 || commaEnd + lineEnd >= close ? commaEnd : commaEnd + lineEnd;
  const edits: TextEdit[] = [];
  if (!trailingComma) edits.push({ file, start: lastEnd, end: lastEnd, text: ',' });
  edits.push({ file, start: insertAt, end: insertAt, text: `\n${indent}${argument}${trailingComma ? ',' : ''}` });
  return edits;
}

/** A module-level function of `file` that already is a correct NumPy-seeding `worker_init_fn`. */
function existingSeedWorker(index: ProjectIndex, file: ProjectFile): string | null {
  for (const [position, fact] of file.facts.functions.entries()) {
    if (fact.className || fact.isLambda || fact.id === '<module>' || fact.parameters.length !== 1) continue;
    const seeding = workerInitFnSeeding(index, index.functionAt(file, position));
    if (seeding.numpy === 'seeded' && seeding.calls.every((call) => call.quality === 'fresh')) return fact.name;
  }
  return null;
}

/** Replaces a repeating seed with torch's per-worker seed. */
export function repairSeed(seeding: SeedingCall): FixPlan {
  if (!seeding.seed) return { reason: 'the seeding call has no seed argument' };
  const { fn, seed } = seeding;
  const file = fn.file;
  // `seed = 42 + worker_id; np.random.seed(seed)`: repair the assignment.
  let target = seed;
  let shared = false;
  if (seed.ref && seed.ref.qname === null && !seed.ref.chain.includes('.')) {
    const assignments = fn.fact.assignments.filter((assignment) => assignment.target.chain === seed.ref!.chain);
    if (assignments.length === 1) {
      target = assignments[0].value;
      shared = true;
    }
  }
  // A variable may seed NumPy too, whose seeds must fit in 32 bits: one repair serves every seeding call that reads it.
  const replacement = workerSeedExpression(file, shared || seeding.rng === 'numpy');
  return { edits: [{ file, start: target.start, end: target.end, text: replacement.expression }], preamble: replacement.preamble };
}

/** Adds NumPy seeding as the first statement of a `worker_init_fn` that seeds other things only. */
function addNumpySeeding(fn: FunctionEntry): FixPlan {
  if (fn.fact.isLambda) return { reason: 'its worker_init_fn is a lambda that does not seed NumPy; turn it into a function' };
  if (!fn.fact.bodyInsertion) return { reason: `its worker_init_fn \`${fn.fact.name}\` is written on one line` };
  const file = fn.file;
  const random = numpyRandom(file);
  const seed = workerSeedExpression(file, true);
  const { offset, indent } = fn.fact.bodyInsertion;
  return {
    edits: [{ file, start: offset, end: offset, text: `${indent}${random.expression}.seed(${seed.expression})\n` }],
    preamble: [...random.preamble, ...seed.preamble],
  };
}

/**
 * Makes a loader seed NumPy's global RNG per worker: a new `worker_init_fn`,
 * or NumPy seeding added to (or repaired in) the one it has.
 */
export function seedNumpyAtLoader(index: ProjectIndex, loader: LoaderCall): FixPlan {
  const file = loader.file;
  const initFn = loader.workerInitFn;
  if (loader.builtBy) return { reason: `the DataLoader is built by \`${loader.builtBy.name}\`, which takes no worker_init_fn` };
  if (initFn.kind === 'absent') {
    if (loader.hasKeywordSplat) {
      return { reason: 'the DataLoader call passes **kwargs, which may already hold a worker_init_fn; pass one explicitly' };
    }
    if (loader.loaderClass) {
      // A subclass that passes worker_init_fn to torch's loader itself (even None) would get it twice: TypeError.
      if (passedToBaseLoader(index, loader.loaderClass, 'worker_init_fn')) {
        return { reason: `\`${loader.loaderClass.fact.name}\` passes its own worker_init_fn to DataLoader; seed NumPy there` };
      }
      const init = index.lookupMethod(loader.loaderClass, '__init__');
      if (init && !init.fact.takesAnyKeyword && !init.fact.parameters.includes('worker_init_fn')) {
        return { reason: `\`${loader.loaderClass.fact.name}\` takes no worker_init_fn argument` };
      }
    }
    const existing = existingSeedWorker(index, file);
    const helper = existing ? { expression: existing, preamble: [] } : seedWorkerHelper(file, freeName(file, 'seed_worker'));
    return { edits: addKeywordArgument(file, loader.call, 'worker_init_fn', helper.expression), preamble: helper.preamble };
  }
  if (initFn.kind === 'unresolved') {
    const text = initFn.where.file.source.text.slice(initFn.argument.start, initFn.argument.end);
    return { reason: `its worker_init_fn \`${text}\` is not a function rng-fix can see` };
  }
  const seeding = workerInitFnSeeding(index, initFn.fn);
  if (seeding.numpy === 'absent') return addNumpySeeding(initFn.fn);
  const repeating = seeding.calls.filter((call) => call.rng === 'numpy' && seedRepeats(call.quality));
  const plans = repeating.map(repairSeed);
  const refused = plans.find((plan) => !isPlanned(plan));
  if (refused) return refused;
  return { edits: plans.filter(isPlanned).flatMap((plan) => plan.edits), preamble: plans.filter(isPlanned).flatMap((plan) => plan.preamble) };
}
