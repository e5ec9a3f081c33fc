/**
 * Random sources in worker-side code: draws from NumPy's or Python's global
 * RNG, and uses of RNG objects that were made in the parent process.
 */
import type { ValueFlow } from '../flow/flow.js';
import { valueKey, type RngValue, type Values } from '../flow/values.js';
import type { CallFact, Expr, NameRef } from '../python/facts.js';
import type { ClassEntry, FunctionEntry, ProjectIndex } from './index.js';
import { perFunctionInContext, type WorkerSideCode, type WorkerSideFunction } from './worker-side.js';
import { nameRef, partEnd } from '../python/name-ref.js';
import { NUMPY_GLOBAL_DRAWS } from '../models/numpy.js';
import { PROCESS_IDENTITY_CALLS, PYTHON_GLOBAL_DRAWS } from '../models/python.js';
import { TORCH_DATASETS, TORCH_ENTRY_METHODS, WORKER_INFO_CALLS } from '../models/torch.js';

export { NUMPY_GLOBAL_DRAWS } from '../models/numpy.js';
export { PYTHON_GLOBAL_DRAWS } from '../models/python.js';

const NUMPY_GLOBAL_DRAWS_QNAMES = new Set([...NUMPY_GLOBAL_DRAWS].map((name) => `numpy.random.${name}`));
const PYTHON_GLOBAL_DRAWS_QNAMES = new Set([...PYTHON_GLOBAL_DRAWS].map((name) => `random.${name}`));

export interface GlobalDraw {
  side: WorkerSideFunction;
  call: CallFact;
  /** `numpy.random.randint`, `random.choice`. */
  qname: string;
}

export function globalDraws(index: ProjectIndex, workerSide: WorkerSideCode, module: 'numpy.random' | 'random'): GlobalDraw[] {
  const names = module === 'numpy.random' ? NUMPY_GLOBAL_DRAWS_QNAMES : PYTHON_GLOBAL_DRAWS_QNAMES;
  const draws: GlobalDraw[] = [];
  const seen = new Set<string>();
  for (const side of workerSide.entries()) {
    for (const call of side.fn.fact.calls) {
      const qname = index.externalNameIn(call.callee, names);
      if (!qname) continue;
      const key = `${side.fn.file.path}:${call.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      draws.push({ side, call, qname });
    }
  }
  return draws;
}

export interface RngObjectUse {
  side: WorkerSideFunction;
  read: NameRef;
  /** The part of the read that is the RNG object: `self.rng` in `self.rng.integers`. */
  objectEnd: number;
  /** The RNG objects made in the parent process that the object may be. */
  origins: RngValue[];
  /** The call that draws from it (`self.rng.integers(...)`), when there is one. */
  call: CallFact | null;
  /** Every value the object may be is an RNG object: a reseeding helper can be applied to it safely. */
  provenRng: boolean;
  /** Found through an over-approximation (a computed attribute name or registry key). */
  possible: boolean;
}

/** Methods that run for each item read: what they make is made per item, wherever they run. */
const PER_ITEM_METHODS: ReadonlySet<string> = new Set(['__getitem__', '__getitems__']);

/** Calls by which code tells which worker or process it runs in. */
const WORKER_IDENTITY: ReadonlySet<string> = new Set([...WORKER_INFO_CALLS, ...PROCESS_IDENTITY_CALLS]);

/** Functions that ask which worker or process they run in: code that already makes its RNG per worker. */
export function isWorkerAware(fn: FunctionEntry, index: ProjectIndex): boolean {
  let known = workerAware.get(fn);
  if (known === undefined) {
    known = fn.fact.calls.some((call) => index.externalNameIn(call.callee, WORKER_IDENTITY) !== null);
    workerAware.set(fn, known);
  }
  return known;
}
const workerAware = new WeakMap<FunctionEntry, boolean>();

/**
 * Uses, in worker-side code, of RNG objects made in the parent process: the
 * shortest part of each name read there whose value may be such an object
 * (`self.rng` in `self.rng.normal`, `rng` for a parameter that receives one),
 * unless it is reseeded per worker (`reseeded`, by value key) or reassigned in
 * the worker.
 */
export function parentRngUses(flow: ValueFlow, workerSide: WorkerSideCode, reseeded: ReadonlySet<string>): RngObjectUse[] {
  const index = flow.index;
  const uses: RngObjectUse[] = [];
  const seen = new Set<string>();
  const reassignedInWorker = (attribute: string) =>
    workerSide.entries().some((side) => {
      const self = side.fn.owner ? side.fn.fact.parameters[0] : undefined;
      return self !== undefined && side.fn.fact.assignments.some((assignment) => assignment.target.chain === `${self}.${attribute}`);
    });
  // An RNG made per item, in a dataset's `__getitem__` (this dataset's or another's whose worker code calls into this one's), is
  // not the parent's; so is one made in any `__getitem__`, also of a class whose dataset base is not in the scanned code.
  const madePerItem = (fn: FunctionEntry) =>
    fn.owner !== null && (PER_ITEM_METHODS.has(fn.fact.name) || (TORCH_ENTRY_METHODS.includes(fn.fact.name) && index.derivesFrom(fn.owner, TORCH_DATASETS)));
  const fromParentOnly = (rngs: readonly RngValue[]) => rngs.filter((rng) => !workerSide.has(rng.madeIn) && !madePerItem(rng.madeIn) && !reseeded.has(valueKey(rng)));
  for (const side of workerSide.entries()) {
    const { fn } = side;
    // Code that asks which worker it runs in (a reseeding helper) makes its RNG per worker.
    if (isWorkerAware(fn, index)) continue;
    const self = fn.owner && !fn.fact.isLambda ? fn.fact.parameters[0] : undefined;
    const found = rngReadsOf(flow, fn, side.selfClass);
    for (const entry of found.reads) {
      const { read, parts } = entry;
      // A local name holds what worker code read elsewhere (reported there), unless it is a
      // parameter that receives the object from the parent: a generator or `partial` made there.
      if (read.qname === null && parts[0] !== self && !receivedFromParent(flow, workerSide, fn, parts[0])) continue;
      const held = rngHeldBy(flow, entry, { fn, self: side.selfClass }, self);
      if (!held) continue;
      const { length, values, rngs } = held;
      const fromParent = fromParentOnly(rngs);
      const objectEnd = partEnd(read, length - 1);
      const key = `${fn.file.path}:${read.start}:${objectEnd}`;
      const reassigned = length === 2 && parts[0] === self && reassignedInWorker(parts[1]);
      if (fromParent.length > 0 && !reassigned && !seen.has(key) && !isWrapped(index, fn, read.start, objectEnd)) {
        seen.add(key);
        const call = parts.length > length ? (fn.fact.calls.find((candidate) => candidate.callee?.start === read.start && candidate.callee.chain === read.chain) ?? null) : null;
        uses.push({ side, read, objectEnd, origins: fromParent, call, provenRng: rngs.length === values.values.length, possible: side.possible || values.possible });
      }
    }
    // Draws from an object that is not a plain name: `self.helpers[0].random()`, `self.options["rng"].normal()`.
    for (const { call, values, rngs } of found.objectDraws) {
      const callee = call.calleeExpr as Extract<Expr, { k: 'attr' }>;
      const fromParent = fromParentOnly(rngs);
      if (fromParent.length === 0) continue;
      const objectEnd = fn.file.source.text.lastIndexOf('.', callee.end - callee.name.length);
      const key = `${fn.file.path}:${callee.start}:${objectEnd}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const read = nameRef(fn.file.source.text.slice(callee.start, objectEnd).trim(), callee.start, [objectEnd], null);
      uses.push({ side, read, objectEnd, origins: fromParent, call, provenRng: rngs.length === values.values.length, possible: side.possible || values.possible });
    }
  }
  return uses;
}

/** A draw from an RNG object that worker code holds under a local name or parameter: `np_rng.binomial(...)` in a helper given `self.np_rng`. */
export interface HandedOverDraw {
  fn: FunctionEntry;
  call: CallFact;
}

/**
 * Where worker code draws from the object of a use that only hands it over
 * (`np_rng = self.np_rng`, `self._permute(sample, self.rng)`): the calls on
 * local names and parameters that may hold one of the use's origins. Those
 * names are not uses themselves (the object came from the read), so the
 * draws are where the repetition shows, in file order.
 */
export function handedOverDraws(flow: ValueFlow, workerSide: WorkerSideCode, use: RngObjectUse): HandedOverDraw[] {
  const origins = new Set(use.origins.map(valueKey));
  const draws: HandedOverDraw[] = [];
  for (const side of workerSide.entries()) {
    const { fn } = side;
    const self = fn.owner && !fn.fact.isLambda ? fn.fact.parameters[0] : undefined;
    for (const call of fn.fact.calls) {
      const callee = call.callee;
      if (!callee || callee.qname !== null) continue;
      const parts = callee.chain.split('.');
      if (parts.length !== 2 || parts[0] === self) continue;
      const values = flow.refValues(parts[0], null, { fn, self: side.selfClass });
      if (values.values.some((value) => value.kind === 'rng' && origins.has(valueKey(value)))) draws.push({ fn, call });
    }
  }
  // Followed from the use itself too: the helper's parameter alone loses the class the object was
  // read in (a mixin's `self._data_rng`, stored by the class the dataset combines it with).
  const found = new Set(draws.map((draw) => draw.call));
  for (const draw of drawsThroughHandOvers(flow, { fn: use.side.fn, self: use.side.selfClass }, { start: use.read.start, end: use.objectEnd }, 0, new Set())) {
    if (!found.has(draw.call) && workerSide.has(draw.fn)) {
      found.add(draw.call);
      draws.push(draw);
    }
  }
  return draws.sort((a, b) => (a.fn.file.path === b.fn.file.path ? a.call.start - b.call.start : a.fn.file.path < b.fn.file.path ? -1 : 1));
}

/** How many calls deep a handed-over object is followed (`color_aug` -> `lighting_`). */
const MAX_HAND_OVER_DEPTH = 4;

/**
 * The draws from an object that the expression at `span` hands to project
 * functions as an argument (`color_aug(self._data_rng, img)`), followed into
 * what those functions hand it to in turn: a call on the parameter
 * (`data_rng.normal(...)`) is a draw.
 */
function drawsThroughHandOvers(flow: ValueFlow, ctx: { fn: FunctionEntry; self: ClassEntry | null }, span: { start: number; end: number }, depth: number, visited: Set<string>): HandedOverDraw[] {
  const draws: HandedOverDraw[] = [];
  if (depth >= MAX_HAND_OVER_DEPTH) return draws;
  for (const call of ctx.fn.fact.calls) {
    const at = call.arguments.findIndex((argument) => argument.value.start === span.start && argument.value.end === span.end);
    if (at < 0 || call.arguments[at].splat !== null) continue;
    for (const callee of flow.valuesOf(call.calleeExpr, ctx).values) {
      if (callee.kind !== 'function' || callee.partial) continue;
      const target = callee.fn;
      const parameter = parameterReceiving(target, call, at, boundParameters(target, callee.self !== null));
      const key = `${target.file.path}#${target.index}|${parameter}`;
      // A parameter the function rebinds (`rng = rng or default_rng()`) may no longer hold the object.
      if (parameter === null || visited.has(key) || target.fact.assignments.some((assignment) => assignment.target.chain === parameter)) continue;
      visited.add(key);
      for (const inner of target.fact.calls) {
        if (inner.callee?.qname === null && inner.callee.chain.split('.').length === 2 && inner.callee.chain.startsWith(`${parameter}.`)) draws.push({ fn: target, call: inner });
        for (const argument of inner.arguments) {
          if (argument.value.ref?.chain === parameter && argument.value.ref.qname === null) draws.push(...drawsThroughHandOvers(flow, { fn: target, self: callee.self ?? target.owner }, argument.value, depth + 1, visited));
        }
      }
    }
  }
  return draws;
}

/** How many leading parameters a call does not pass: a classmethod's `cls` (also called through the class), a bound method's `self`. */
function boundParameters(fn: FunctionEntry, bound: boolean): number {
  if (fn.fact.decorators.includes('staticmethod')) return 0;
  return fn.fact.decorators.includes('classmethod') || bound ? 1 : 0;
}

/** The parameter of `fn` that the argument at `at` of `call` binds (`shift`: parameters bound before the call's); null if it cannot be told. */
function parameterReceiving(fn: FunctionEntry, call: CallFact, at: number, shift: number): string | null {
  const { parameters, starParameter, keywordsParameter } = fn.fact;
  const argument = call.arguments[at];
  if (argument.keyword !== null) return parameters.includes(argument.keyword) && argument.keyword !== starParameter && argument.keyword !== keywordsParameter ? argument.keyword : null;
  const before = call.arguments.slice(0, at);
  if (before.some((other) => other.splat !== null)) return null;
  const position = before.filter((other) => other.keyword === null).length + shift;
  // Positional arguments from `*args` on go into it, never into the keyword-only parameters after it.
  const star = starParameter === null ? -1 : parameters.indexOf(starParameter);
  if (star >= 0 && position >= star) return null;
  const name = parameters[position];
  return name === undefined || name === starParameter || name === keywordsParameter ? null : name;
}

/** The shortest part of a name (`self.rng` of `self.rng.normal`) that may hold an RNG object, and what it holds. */
interface RngHeld {
  length: number;
  values: Values;
  rngs: RngValue[];
}

/** A name read in a function; what it holds is asked of the flow on first need (null: no RNG object). */
interface ReadEntry {
  read: NameRef;
  parts: string[];
  held?: RngHeld | null;
}

/** The RNG objects a function's code reads, as the flow answers in one context; which of them come from the parent depends on the dataset. */
interface RngReads {
  reads: ReadEntry[];
  /** Calls on objects that are not plain names (`self.helpers[0].random()`) that may be RNG objects. */
  objectDraws: { call: CallFact; values: Values; rngs: RngValue[] }[];
}

/** Asked once per function and context, however many datasets reach the function. */
const rngReadsOf = perFunctionInContext((flow, fn, selfClass): RngReads => {
  const found: RngReads = { reads: fn.fact.reads.map((read) => ({ read, parts: read.chain.split('.') })), objectDraws: [] };
  const ctx = { fn, self: selfClass };
  for (const call of fn.fact.calls) {
    const callee = call.calleeExpr;
    if (callee.k !== 'attr' || callee.object.k === 'ref') continue;
    const values = flow.valuesOf(callee.object, ctx);
    const rngs = values.values.filter((value): value is RngValue => value.kind === 'rng');
    if (rngs.length > 0) found.objectDraws.push({ call, values, rngs });
  }
  return found;
});

/** What a read name holds, asked once per function and context. */
function rngHeldBy(flow: ValueFlow, entry: ReadEntry, ctx: { fn: FunctionEntry; self: ClassEntry | null }, self: string | undefined): RngHeld | null {
  if (entry.held !== undefined) return entry.held;
  const { read, parts } = entry;
  const qparts = read.qname?.split('.') ?? null;
  entry.held = null;
  for (let length = parts[0] === self ? 2 : 1; length <= parts.length; length++) {
    const qname = qparts ? qparts.slice(0, qparts.length - (parts.length - length)).join('.') : null;
    const values = flow.refValues(parts.slice(0, length).join('.'), qname, ctx);
    const rngs = values.values.filter((value): value is RngValue => value.kind === 'rng');
    if (rngs.length === 0) continue;
    entry.held = { length, values, rngs };
    break;
  }
  return entry.held;
}

/** Whether a parameter of a worker-side function receives a value at a call site in parent code (or by its default). */
function receivedFromParent(flow: ValueFlow, workerSide: WorkerSideCode, fn: FunctionEntry, name: string): boolean {
  if (!fn.fact.parameters.includes(name)) return closedOverFromParent(flow, workerSide, fn, name);
  const bindings = flow.bindings(fn, name);
  if (bindings.length === 0) return true;
  return bindings.some((binding) => binding.kind === 'unknown' || !workerSide.has(binding.ctx.fn));
}

/**
 * Whether `name`, which `fn` neither assigns nor takes, is a variable of an
 * enclosing function that runs outside the workers: a closure made in the
 * parent (`make_transform(seed)` returning `transform`, which reads its `rng`).
 */
function closedOverFromParent(flow: ValueFlow, workerSide: WorkerSideCode, fn: FunctionEntry, name: string): boolean {
  const binds = (entry: FunctionEntry) => entry.fact.parameters.includes(name) || entry.fact.assignments.some((assignment) => assignment.target.chain === name && assignment.target.qname === null);
  if (binds(fn)) return false;
  for (let enclosing = fn.fact.enclosing; enclosing !== null; ) {
    const outer = flow.index.functionAt(fn.file, enclosing);
    if (binds(outer)) return !workerSide.has(outer);
    enclosing = outer.fact.enclosing;
  }
  return false;
}

/** Whether the expression at `start..end` is the argument of a worker-aware function: `_reseed_for_worker(self.rng)`. */
function isWrapped(index: ProjectIndex, fn: FunctionEntry, start: number, end: number): boolean {
  return fn.fact.calls.some((call) => {
    if (!call.arguments.some((argument) => argument.value.start === start && argument.value.end === end)) return false;
    const symbol = index.resolve(call.callee?.qname ?? null);
    return symbol?.kind === 'function' && isWorkerAware(symbol.entry, index);
  });
}
