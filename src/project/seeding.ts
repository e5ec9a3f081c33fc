/**
 * Seeding calls (`np.random.seed(...)`, `random.seed(...)`,
 * `torch.manual_seed(...)`) and whether the seed they use differs across
 * workers and epochs.
 */
import type { CallFact, ValueFact } from '../python/facts.js';
import type { FunctionEntry, ProjectIndex } from './index.js';

export type SeededRng = 'numpy' | 'python' | 'torch';

/**
 * - `fresh`: new in every worker and epoch (`torch.initial_seed()`, `get_worker_info().seed`, OS entropy).
 * - `parent-state`: drawn from the parent's NumPy state, which only torch >= 1.9 makes differ per worker and epoch.
 * - `repeating`: constants, `worker_id`, configuration seeds: the same every epoch.
 * - `unknown`: anything else; never reported.
 */
export type SeedQuality = 'fresh' | 'parent-state' | 'repeating' | 'unknown';

export const SEED_FUNCTIONS: Record<string, SeededRng> = {
  'numpy.random.seed': 'numpy',
  'random.seed': 'python',
  'torch.manual_seed': 'torch',
  'torch.random.manual_seed': 'torch',
};

const FRESH_CALLS = new Set([
  'torch.initial_seed',
  'torch.random.initial_seed',
  'torch.seed',
  'torch.randint',
  'torch.empty',
  'time.time',
  'time.time_ns',
  'time.perf_counter',
  'time.perf_counter_ns',
  'os.getpid',
  'os.urandom',
  'secrets.randbits',
  'secrets.randbelow',
  'secrets.token_bytes',
  'uuid.uuid4',
  'random.getrandbits',
  'random.randint',
  'random.random',
  'random.randrange',
]);

const PARENT_STATE_CALLS = /^numpy\.random\.(get_state|randint|rand|random|integers|choice)$/;

/** Calls that only transform their arguments. */
const NEUTRAL_CALLS = new Set(['int', 'abs', 'hash', 'str', 'len', 'sum', 'min', 'max', 'round', 'divmod', 'pow', 'float']);

const WORKER_INFO = 'torch.utils.data.get_worker_info';

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
    const external = index.externalName(call.callee);
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
  for (const callee of value.calls) {
    const external = index.externalName(callee) ?? '';
    if (FRESH_CALLS.has(external)) return 'fresh';
    if (PARENT_STATE_CALLS.test(external)) qualities.push('parent-state');
    else if (external === WORKER_INFO) continue;
    else if (!NEUTRAL_CALLS.has(callee.chain)) qualities.push('unknown');
  }
  for (const { callee, attribute } of value.attributesOfCalls) {
    if (index.externalName(callee) !== WORKER_INFO) continue;
    if (attribute === 'seed') return 'fresh';
  }
  for (const read of value.reads) {
    const quality = classifyRead(index, read.chain, read.qname, fn, depth);
    if (quality === 'fresh') return 'fresh';
    qualities.push(quality);
  }
  if (qualities.includes('unknown')) return 'unknown';
  if (qualities.includes('parent-state')) return 'parent-state';
  return 'repeating';
}

function classifyRead(index: ProjectIndex, chain: string, qname: string | null, fn: FunctionEntry, depth: number): SeedQuality {
  const parts = chain.split('.');
  const last = parts[parts.length - 1];
  if (qname === null) {
    const head = parts[0];
    const assignments = fn.fact.assignments.filter((assignment) => assignment.target.chain === head);
    const fromWorkerInfo = assignments.some((assignment) => assignment.value.call && index.externalName(assignment.value.call) === WORKER_INFO);
    if (fromWorkerInfo) return last === 'seed' ? 'fresh' : 'repeating';
    if (parts.length === 1) {
      if (fn.fact.parameters.includes(head) && assignments.length === 0) return 'repeating';
      if (assignments.length > 0 && depth < 4) {
        const qualities = assignments.map((assignment) => classifySeed(index, assignment.value, fn, depth + 1));
        if (qualities.includes('fresh')) return 'fresh';
        if (qualities.includes('unknown')) return 'unknown';
        return qualities.includes('parent-state') ? 'parent-state' : 'repeating';
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

/** Functions a function reaches through calls to project functions, itself first. */
export function calledFunctions(index: ProjectIndex, fn: FunctionEntry, limit = 16): FunctionEntry[] {
  const reached = [fn];
  for (let position = 0; position < reached.length && reached.length < limit; position++) {
    const current = reached[position];
    for (const lambdaIndex of current.fact.lambdas) {
      const lambda = index.functionAt(current.file, lambdaIndex);
      if (!reached.includes(lambda)) reached.push(lambda);
    }
    for (const call of current.fact.calls) {
      const symbol = index.resolve(call.callee?.qname ?? null);
      if (symbol?.kind === 'function' && !reached.includes(symbol.entry)) reached.push(symbol.entry);
    }
  }
  return reached;
}

/** How a `worker_init_fn` treats NumPy's global RNG. */
export interface WorkerInitFnSeeding {
  /** `seeded`: a fresh (or unclear) NumPy seed; `repeating`: only repeating ones; `absent`: it never seeds NumPy. */
  numpy: 'seeded' | 'repeating' | 'absent';
  calls: SeedingCall[];
  /** Whether it calls a seeding function outside the project, which may seed NumPy where we cannot see. */
  callsUnknownCode: boolean;
}

/** `parentStateRepeats`: whether the project may run torch < 1.9, where the parent's NumPy state is the same in every worker. */
export function workerInitFnSeeding(index: ProjectIndex, fn: FunctionEntry, parentStateRepeats: boolean): WorkerInitFnSeeding {
  const functions = calledFunctions(index, fn);
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
  const repeats = (quality: SeedQuality) => quality === 'repeating' || (quality === 'parent-state' && parentStateRepeats);
  if (numpyCalls.some((call) => !repeats(call.quality))) numpy = 'seeded';
  else if (numpyCalls.length > 0) numpy = 'repeating';
  return { numpy, calls, callsUnknownCode };
}
