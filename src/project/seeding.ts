/**
 * Seeding calls (`np.random.seed(...)`, `random.seed(...)`,
 * `torch.manual_seed(...)`) and whether the seed they use differs across
 * workers and epochs.
 */
import { flowOf } from '../flow/flow.js';
import { reachedFunctions } from '../flow/reseeding.js';
import type { CallFact, Expr, NameRef, ValueFact } from '../python/facts.js';
import type { FunctionEntry, ProjectIndex } from './index.js';
import { FRESH_CALLS, SEED_FUNCTIONS, type SeededRng } from '../models/index.js';
import { NUMPY_PARENT_STATE_CALLS } from '../models/numpy.js';
import { CLOCK_CALLS } from '../models/python.js';
import { WORKER_INFO_CALLS } from '../models/torch.js';

export type { SeededRng } from '../models/index.js';
export { SEED_FUNCTIONS } from '../models/index.js';

/**
 * - `fresh`: new in every worker and epoch (`torch.initial_seed()`, `get_worker_info().seed`, OS entropy).
 * - `parent-state`: drawn from NumPy's state as the worker finds it: on torch < 1.9 the parent's, the same in every
 *   worker; on torch >= 1.9 torch has array-seeded it, which always leaves `get_state()[1][0] == 2**31`.
 * - `clock`: the time; workers start within the same second, so they get the same seed.
 * - `repeating`: constants, `worker_id`, configuration seeds: the same every epoch.
 * - `unknown`: anything else; never reported.
 */
export type SeedQuality = 'fresh' | 'parent-state' | 'clock' | 'repeating' | 'unknown';

const SEED_FUNCTION_NAMES: ReadonlySet<string> = new Set(Object.keys(SEED_FUNCTIONS));

/** Names whose value changes every epoch: seeds made with them are new each epoch (per-item seeding). */
const PER_EPOCH = /epoch/i;

const PARENT_STATE_CALLS = NUMPY_PARENT_STATE_CALLS;

/** Calls that only transform their arguments. */
const NEUTRAL_CALLS = new Set(['int', 'abs', 'hash', 'str', 'len', 'sum', 'min', 'max', 'round', 'divmod', 'pow', 'float']);


export interface SeedingCall {
  fn: FunctionEntry;
  call: CallFact;
  rng: SeededRng;
  quality: SeedQuality;
  /** The seed argument, or null for a call without one. */
  seed: ValueFact | null;
}

/** The seeding calls written in one function (its lambdas included). */
export function seedingCallsIn(index: ProjectIndex, fn: FunctionEntry): SeedingCall[] {
  const found: SeedingCall[] = [];
  for (const call of fn.fact.calls) {
    const external = index.externalNameIn(call.callee, SEED_FUNCTION_NAMES);
    const rng = external ? SEED_FUNCTIONS[external] : undefined;
    if (!rng) continue;
    const seed = call.arguments.find((argument) => argument.keyword === 'seed' || argument.keyword === null)?.value ?? null;
    const quality: SeedQuality = seed === null ? 'fresh' : classifySeed(index, seed, fn);
    found.push({ fn, call, rng, quality, seed });
  }
  return found;
}

export function classifySeed(index: ProjectIndex, value: ValueFact, fn: FunctionEntry, depth = 0): SeedQuality {
  const source = fn.file.source.text.slice(value.start, value.end).trim();
  if (source === 'None') return 'fresh';
  if (value.constant) return 'repeating';
  const qualities: SeedQuality[] = [];
  const parts = partsOf(value.expr);
  for (const callee of parts.calls) {
    const external = index.externalName(callee) ?? '';
    if (FRESH_CALLS.has(external)) return 'fresh';
    if (CLOCK_CALLS.has(external)) qualities.push('clock');
    else if (PARENT_STATE_CALLS.test(external)) qualities.push('parent-state');
    else if (WORKER_INFO_CALLS.has(external)) continue;
    else if (!NEUTRAL_CALLS.has(callee.chain)) qualities.push('unknown');
  }
  for (const { callee, attribute } of parts.attributesOfCalls) {
    if (!WORKER_INFO_CALLS.has(index.externalName(callee) ?? '')) continue;
    if (attribute === 'seed') return 'fresh';
  }
  for (const read of parts.reads) {
    const quality = classifyRead(index, read.chain, read.qname, fn, depth);
    if (quality === 'fresh') return 'fresh';
    qualities.push(quality);
  }
  // A part the expression form does not spell out (a slice, a comprehension's clauses, a cut-off
  // expression) may hold anything: the seed is then unknown, never reported as repeating.
  if (!parts.complete) qualities.push('unknown');
  return combineQualities(qualities);
}

interface ExprParts {
  /** Callees of every call, the outermost first. */
  calls: NameRef[];
  /** Dotted names read, callees excluded. */
  reads: NameRef[];
  /** `x.attr` where `x` is a call: `get_worker_info().seed`. */
  attributesOfCalls: { callee: NameRef; attribute: string }[];
  /** Every part was seen: no cut-off or opaque sub-expression, and not too many parts. */
  complete: boolean;
}

/** Past this many calls or names, the rest of a seed expression is not looked at. */
const MAX_PARTS = 16;

/** The calls, names and attributes of call results a seed is computed from. */
function partsOf(expr: Expr): ExprParts {
  const parts: ExprParts = { calls: [], reads: [], attributesOfCalls: [], complete: true };
  const visit = (current: Expr): void => {
    if (parts.calls.length >= MAX_PARTS || parts.reads.length >= MAX_PARTS) {
      parts.complete = false;
      return;
    }
    switch (current.k) {
      case 'ref':
        parts.reads.push(current.ref);
        return;
      case 'call':
        if (current.callee.k === 'ref') parts.calls.push(current.callee.ref);
        else visit(current.callee);
        for (const argument of current.args) visit(argument.value);
        return;
      case 'attr':
        if (current.object.k === 'call' && current.object.callee.k === 'ref') parts.attributesOfCalls.push({ callee: current.object.callee.ref, attribute: current.name });
        visit(current.object);
        return;
      case 'sub':
        visit(current.object);
        visit(current.key);
        return;
      case 'seq':
        current.items.forEach(visit);
        return;
      case 'star':
        visit(current.value);
        return;
      case 'dict':
        for (const entry of current.entries) {
          if (entry.key) visit(entry.key);
          visit(entry.value);
        }
        return;
      case 'either':
        current.options.forEach(visit);
        return;
      case 'comp':
        // Its `for` and `if` clauses are not in the expression form.
        parts.complete = false;
        visit(current.element);
        return;
      case 'op':
        current.operands.forEach(visit);
        return;
      case 'item':
        visit(current.of);
        return;
      case 'lit':
        return;
      default:
        // `other`, a lambda, a class: opaque.
        parts.complete = false;
        return;
    }
  };
  visit(expr);
  return parts;
}

/** What a seed made from parts of these qualities is (no part fresh). */
function combineQualities(qualities: SeedQuality[]): SeedQuality {
  if (qualities.includes('fresh')) return 'fresh';
  if (qualities.includes('unknown')) return 'unknown';
  if (qualities.includes('parent-state')) return 'parent-state';
  if (qualities.includes('clock')) return 'clock';
  return 'repeating';
}

/**
 * A parameter's seed quality from the arguments at the project's call sites
 * (`numpy_seed(self.seed, self.epoch, index)`: fresh each epoch), or null when
 * no call site is in sight (a `worker_init_fn`, called by torch with `worker_id`).
 */
function parameterQuality(index: ProjectIndex, fn: FunctionEntry, name: string, depth: number): SeedQuality | null {
  const flow = flowOf(index);
  const position = fn.fact.parameters.indexOf(name);
  const isMethod = fn.owner !== null && !fn.fact.decorators.includes('staticmethod');
  const qualities: SeedQuality[] = [];
  const { callers, complete } = flow.callersOf(fn);
  if (!complete) return null;
  for (const { site, offset } of callers) {
    const shift = isMethod ? offset : 0;
    const positional = site.call.arguments.filter((argument) => argument.keyword === null && argument.splat === null);
    const star = name === fn.fact.starParameter;
    const bound = star
      ? positional.slice(position - shift).map((argument) => argument.value)
      : [site.call.arguments.find((argument) => argument.keyword === name)?.value ?? positional[position - shift]?.value].filter((value): value is ValueFact => value !== undefined);
    for (const value of bound) qualities.push(classifySeed(index, value, site.in, depth + 1));
  }
  return qualities.length > 0 ? combineQualities(qualities) : null;
}

function classifyRead(index: ProjectIndex, chain: string, qname: string | null, fn: FunctionEntry, depth: number): SeedQuality {
  const parts = chain.split('.');
  const last = parts[parts.length - 1];
  if (PER_EPOCH.test(last)) return 'fresh';
  if (qname === null) {
    const head = parts[0];
    const assignments = fn.fact.assignments.filter((assignment) => assignment.target.chain === head);
    const fromWorkerInfo = assignments.some((assignment) => assignment.value.call && WORKER_INFO_CALLS.has(index.externalName(assignment.value.call) ?? ''));
    if (fromWorkerInfo) return last === 'seed' ? 'fresh' : 'repeating';
    if (parts.length === 1) {
      if (fn.fact.parameters.includes(head) && assignments.length === 0) return (depth < 4 ? parameterQuality(index, fn, head, depth) : null) ?? 'repeating';
      if (assignments.length > 0 && depth < 4) {
        return combineQualities(assignments.map((assignment) => classifySeed(index, assignment.value, fn, depth + 1)));
      }
    }
  } else {
    const symbol = index.resolve(qname);
    if (symbol?.kind === 'variable' && depth < 4) {
      const moduleCode = index.moduleCode(symbol.file);
      const assignments = moduleCode.fact.assignments.filter((assignment) => assignment.target.chain === symbol.name);
      if (assignments.length === 1) return classifySeed(index, assignments[0].value, moduleCode, depth + 1);
    }
  }
  // `args.seed`, `cfg.SEED`, `self.seed`: a configured seed, the same every epoch.
  if (parts.length > 1 && /seed$/i.test(last)) return 'repeating';
  return 'unknown';
}

/** Whether a seed of this quality repeats across workers or epochs (on every torch version). */
export function seedRepeats(quality: SeedQuality): boolean {
  return quality === 'repeating' || quality === 'parent-state' || quality === 'clock';
}

/**
 * Seeding of a global RNG in worker-side code whose seed repeats (`np.random.seed(index)`,
 * a one-time `np.random.seed(42)` on a worker's first item): it runs after any per-worker
 * seeding a fix adds, and undoes it.
 */
export function repeatingSeedingIn(index: ProjectIndex, functions: Iterable<FunctionEntry>, rng: SeededRng): SeedingCall[] {
  const found: SeedingCall[] = [];
  for (const fn of functions) for (const call of seedingCallsIn(index, fn)) if (call.rng === rng && seedRepeats(call.quality)) found.push(call);
  return found;
}

/** How a `worker_init_fn` treats NumPy's global RNG. */
export interface WorkerInitFnSeeding {
  /** `seeded`: a fresh (or unclear) NumPy seed; `repeating`: only repeating ones; `absent`: it never seeds NumPy. */
  numpy: 'seeded' | 'repeating' | 'absent';
  calls: SeedingCall[];
  /** Whether it calls a seeding function outside the project, which may seed NumPy where we cannot see. */
  callsUnknownCode: boolean;
}

export function workerInitFnSeeding(index: ProjectIndex, fn: FunctionEntry): WorkerInitFnSeeding {
  const functions = reachedFunctions(flowOf(index), fn);
  const calls = functions.flatMap((current) => seedingCallsIn(index, current));
  const numpyCalls = calls.filter((call) => call.rng === 'numpy');
  const callsUnknownCode = functions.some((current) =>
    current.fact.calls.some((call) => {
      const symbol = index.resolve(call.callee?.qname ?? null);
      if (symbol?.kind === 'function' || symbol?.kind === 'class') return false;
      const external = symbol?.kind === 'external' ? symbol.qname : null;
      // Library seeding helpers (`seed_everything`, `set_seed`) may seed NumPy where we cannot see.
      return external !== null && !SEED_FUNCTIONS[external] && !FRESH_CALLS.has(external) && /seed/i.test(external.split('.').pop() ?? '');
    }),
  );
  let numpy: WorkerInitFnSeeding['numpy'] = 'absent';
  if (numpyCalls.some((call) => !seedRepeats(call.quality))) numpy = 'seeded';
  else if (numpyCalls.length > 0) numpy = 'repeating';
  return { numpy, calls, callsUnknownCode };
}

/**
 * Whether a seeding call in worker code runs once per worker, on its first
 * item: its function sets a flag of the object (`self.seeded = True`) that
 * the object's other code starts as false (`self.seeded = False`).
 */
export function seedsOncePerWorker(index: ProjectIndex, call: SeedingCall): boolean {
  const fn = call.fn;
  const self = fn.owner ? fn.fact.parameters[0] : undefined;
  if (!self || !fn.owner) return false;
  const literal = (text: string) => (expr: Expr) => expr.k === 'lit' && expr.value === text;
  const flags = fn.fact.assignments.filter((assignment) => assignment.target.chain.startsWith(`${self}.`) && (literal('True')(assignment.value.expr) || literal('1')(assignment.value.expr)));
  return flags.some((flag) => {
    const name = flag.target.chain.slice(self.length + 1);
    return index.attributeAssignments(fn.owner!, name).some(({ assignment }) => ['False', 'None', '0'].some((text) => literal(text)(assignment.value.expr)));
  });
}

/** Whether the seed reads a parameter of its method (`index` of `__getitem__`), so workers that start on different items differ. */
export function seedTellsWorkersApartByItem(call: SeedingCall): boolean {
  if (!call.seed) return false;
  const parameters = call.fn.fact.parameters.slice(call.fn.owner ? 1 : 0);
  const reads = (expr: Expr): boolean => {
    switch (expr.k) {
      case 'ref':
        return expr.ref.qname === null && parameters.includes(expr.ref.chain.split('.')[0]);
      case 'op':
        return expr.operands.some(reads);
      case 'call':
        return expr.args.some((argument) => reads(argument.value));
      case 'sub':
      case 'attr':
        return reads(expr.object);
      default:
        return false;
    }
  };
  return reads(call.seed.expr);
}

/**
 * Whether worker code seeds NumPy once per worker from the index of its first
 * item, under loaders that each shuffle or keep their workers for the whole
 * run (persistent workers, or one iterator made once): the seed is then new in
 * every worker, and either new every epoch or never repeated, as a per-worker
 * seed should be.
 */
export function seedsOnceFromDistinctItem(index: ProjectIndex, call: SeedingCall, loaders: readonly { shuffles: boolean; workersLiveForTheRun: boolean }[]): boolean {
  return (
    call.quality === 'repeating' &&
    loaders.length > 0 &&
    loaders.every((loader) => loader.shuffles || loader.workersLiveForTheRun) &&
    seedsOncePerWorker(index, call) &&
    seedTellsWorkersApartByItem(call)
  );
}

/** Values the same for every item a worker loads: its seed, its id, its process. */
const PER_WORKER_CALLS: ReadonlySet<string> = new Set(['torch.initial_seed', 'torch.random.initial_seed', 'os.getpid']);

/**
 * Whether a seed expression in worker code is the same for every item a
 * worker loads but nothing else varies it: built from the worker's seed or id
 * (`get_worker_info().seed + get_worker_info().id`, `torch.initial_seed()`),
 * through local names, with no item (a parameter such as `index`) and no
 * per-call entropy in it. Seeding from it on every item gives every item the
 * same numbers.
 */
export function seedIsPerWorkerOnly(index: ProjectIndex, expr: Expr, fn: FunctionEntry, depth = 0): boolean {
  const parts = partsOf(expr);
  if (!parts.complete) return false;
  let perWorker = false;
  for (const callee of parts.calls) {
    const external = index.externalName(callee) ?? '';
    if (PER_WORKER_CALLS.has(external) || WORKER_INFO_CALLS.has(external)) perWorker = true;
    else if (FRESH_CALLS.has(external) || CLOCK_CALLS.has(external)) return false;
  }
  for (const { callee, attribute } of parts.attributesOfCalls) if (WORKER_INFO_CALLS.has(index.externalName(callee) ?? '') && (attribute === 'seed' || attribute === 'id')) perWorker = true;
  const parameters = fn.fact.parameters.slice(fn.owner ? 1 : 0);
  // A method of a local object (`seeds.spawn(1)`) reads that object.
  const reads = [...parts.reads, ...parts.calls.filter((callee) => callee.qname === null && callee.chain.includes('.'))];
  for (const read of reads) {
    const head = read.chain.split('.')[0];
    if (read.qname !== null) continue;
    if (parameters.includes(head)) return false;
    const assignments = fn.fact.assignments.filter((assignment) => assignment.target.chain === head);
    if (assignments.length === 0) continue;
    // `info = get_worker_info()` then `info.seed`; `seedseq = SeedSequence(...)` then `seedseq.spawn(1)[0]`.
    if (depth > 3) return false;
    for (const assignment of assignments) {
      const fromInfo = assignment.value.call !== null && WORKER_INFO_CALLS.has(index.externalName(assignment.value.call) ?? '');
      if (fromInfo) {
        if (/\.(seed|id)$/.test(read.chain)) perWorker = true;
        continue;
      }
      if (!seedIsPerWorkerOnly(index, assignment.value.expr, fn, depth + 1)) return false;
      perWorker = true;
    }
  }
  return perWorker;
}
