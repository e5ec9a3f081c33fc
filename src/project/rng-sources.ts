/**
 * Random sources in worker-side code: draws from NumPy's or Python's global
 * RNG, and uses of RNG objects that were made in the parent process.
 */
import type { CallFact, NameRef } from '../python/facts.js';
import type { FunctionEntry, ProjectIndex, ValueOrigin } from './index.js';
import type { WorkerSideCode, WorkerSideFunction } from './worker-side.js';

/** Functions of `numpy.random` that draw from the global RandomState. */
export const NUMPY_GLOBAL_DRAWS = new Set([
  'beta', 'binomial', 'bytes', 'chisquare', 'choice', 'dirichlet', 'exponential', 'f', 'gamma', 'geometric',
  'gumbel', 'hypergeometric', 'laplace', 'logistic', 'lognormal', 'logseries', 'multinomial',
  'multivariate_normal', 'negative_binomial', 'noncentral_chisquare', 'noncentral_f', 'normal', 'pareto',
  'permutation', 'poisson', 'power', 'rand', 'randint', 'randn', 'random', 'random_integers', 'random_sample',
  'ranf', 'rayleigh', 'sample', 'shuffle', 'standard_cauchy', 'standard_exponential', 'standard_gamma',
  'standard_normal', 'standard_t', 'triangular', 'uniform', 'vonmises', 'wald', 'weibull', 'zipf',
]);

/** Functions of Python's `random` module that draw from its global instance. */
export const PYTHON_GLOBAL_DRAWS = new Set([
  'betavariate', 'binomialvariate', 'choice', 'choices', 'expovariate', 'gammavariate', 'gauss', 'getrandbits',
  'lognormvariate', 'normalvariate', 'paretovariate', 'randbytes', 'randint', 'random', 'randrange', 'sample',
  'shuffle', 'triangular', 'uniform', 'vonmisesvariate', 'weibullvariate',
]);

export interface GlobalDraw {
  side: WorkerSideFunction;
  call: CallFact;
  /** `numpy.random.randint`, `random.choice`. */
  qname: string;
}

export function globalDraws(index: ProjectIndex, workerSide: WorkerSideCode, module: 'numpy.random' | 'random'): GlobalDraw[] {
  const names = module === 'numpy.random' ? NUMPY_GLOBAL_DRAWS : PYTHON_GLOBAL_DRAWS;
  const draws: GlobalDraw[] = [];
  const seen = new Set<string>();
  for (const side of workerSide.entries()) {
    for (const call of side.fn.fact.calls) {
      const qname = index.externalName(call.callee);
      if (!qname?.startsWith(`${module}.`) || !names.has(qname.slice(module.length + 1))) continue;
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
  origins: Extract<ValueOrigin, { kind: 'rng' }>[];
  /** The call that draws from it (`self.rng.integers(...)`), when there is one. */
  call: CallFact | null;
}

/** Calls by which code tells which worker or process it runs in. */
const WORKER_IDENTITY = new Set(['torch.utils.data.get_worker_info', 'multiprocessing.parent_process', 'multiprocessing.current_process']);

/** Functions that ask which worker or process they run in: code that already makes its RNG per worker. */
export function isWorkerAware(fn: FunctionEntry, index: ProjectIndex): boolean {
  return fn.fact.calls.some((call) => WORKER_IDENTITY.has(index.externalName(call.callee) ?? ''));
}

/** Uses, in worker-side code, of RNG objects made in the parent process. */
export function parentRngUses(index: ProjectIndex, workerSide: WorkerSideCode): RngObjectUse[] {
  const uses: RngObjectUse[] = [];
  const seen = new Set<string>();
  const reassignedInWorker = (attribute: string) =>
    workerSide.entries().some((side) => {
      const self = side.fn.owner ? side.fn.fact.parameters[0] : undefined;
      return self !== undefined && side.fn.fact.assignments.some((assignment) => assignment.target.chain === `${self}.${attribute}`);
    });
  for (const side of workerSide.entries()) {
    const { fn, selfClass } = side;
    const self = fn.owner && !fn.fact.isLambda ? fn.fact.parameters[0] : undefined;
    for (const read of fn.fact.reads) {
      const parts = read.chain.split('.');
      let origins: ValueOrigin[] = [];
      let objectParts = 0;
      if (read.qname === null && parts[0] === self && parts.length >= 2 && selfClass && side.selfFromParent) {
        if (index.lookupMethod(selfClass, parts[1]) || reassignedInWorker(parts[1])) continue;
        origins = index.originsOfAttribute(selfClass, parts[1]);
        objectParts = 2;
      } else if (read.qname !== null) {
        const symbol = index.resolve(read.qname.split('.').slice(0, read.qname.split('.').length - parts.length + 1).join('.'));
        if (symbol?.kind !== 'variable') continue;
        const moduleCode = index.moduleCode(symbol.file);
        origins = moduleCode.fact.assignments
          .filter((assignment) => assignment.target.chain === symbol.name)
          .flatMap((assignment) => index.originsOf(assignment.value, moduleCode, null));
        objectParts = 1;
      }
      const fromParent = origins.filter((origin): origin is Extract<ValueOrigin, { kind: 'rng' }> => origin.kind === 'rng' && !workerSide.has(origin.madeIn));
      if (fromParent.length === 0) continue;
      const objectEnd = read.ends[objectParts - 1];
      const key = `${fn.file.path}:${read.start}:${objectEnd}`;
      if (seen.has(key) || isWrapped(index, fn, read.start, objectEnd)) continue;
      seen.add(key);
      const call = parts.length > objectParts ? (fn.fact.calls.find((candidate) => candidate.callee?.start === read.start && candidate.callee.chain === read.chain) ?? null) : null;
      uses.push({ side, read, objectEnd, origins: fromParent, call });
    }
  }
  return uses;
}

/** Whether the expression at `start..end` is the argument of a worker-aware function: `_reseed_for_worker(self.rng)`. */
function isWrapped(index: ProjectIndex, fn: FunctionEntry, start: number, end: number): boolean {
  return fn.fact.calls.some((call) => {
    if (!call.arguments.some((argument) => argument.value.start === start && argument.value.end === end)) return false;
    const symbol = index.resolve(call.callee?.qname ?? null);
    return symbol?.kind === 'function' && isWorkerAware(symbol.entry, index);
  });
}
