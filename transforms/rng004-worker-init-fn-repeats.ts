import { repairSeed } from '../src/fix/seeding-fixes.js';
import type { LoaderCall } from '../src/project/loaders.js';
import { mayStartWorkers } from '../src/project/loaders.js';
import { reachedFunctions } from '../src/flow/reseeding.js';
import { classifySeed, SEED_FUNCTIONS, seedIsPerWorkerOnly, seedingCallsIn, seedRepeats, seedsOncePerWorker, seedsOnceFromDistinctItem, seedTellsWorkersApartByItem, type SeedingCall } from '../src/project/seeding.js';
import { RNG_CONSTRUCTORS } from '../src/models/index.js';
import { OPENMMLAB_REPEATING_WORKER_INIT_FNS } from '../src/models/mmcv.js';
import type { FunctionEntry } from '../src/project/index.js';
import type { CallFact, ValueFact } from '../src/python/facts.js';
import { argumentFor } from '../src/project/index.js';
import { workerSeedExpression } from '../src/fix/python-code.js';
import { functionLabel, loaderPlace, sourceText, uniquePlaces, where } from '../src/rule-helpers.js';
import type { FunctionValue } from '../src/flow/values.js';
import type { Expr } from '../src/python/facts.js';
import type { Analysis, DatasetUse, Rule, RuleFinding } from '../src/rule.js';

const docs = {
  whatItDoes: `
Finds seeding that repeats across epochs or workers: a \`worker_init_fn\`
passed to a DataLoader that may start workers, or a dataset's worker code,
calling \`np.random.seed\`, \`random.seed\` or \`torch.manual_seed\` with a
constant, \`worker_id\` alone, \`CONSTANT + worker_id\`, a configured seed such
as \`args.seed + worker_id\`, the time (\`int(time.time())\`), or a value drawn
from NumPy's own state (\`np.random.get_state()[1][0] + worker_id\`, the much-copied
recipe). The \`worker_init_fn\` is found however it is passed: a function, a
lambda, \`functools.partial(seed_fn, seed=args.seed)\`, a local alias such as
\`init_fn = seed_fn if deterministic else None\`, or a callable object
(\`WorkerInit(seed)\`, whose \`__call__\` torch calls). OpenMMLab's own
\`worker_init_fn\` (MMEngine's, and the mm* 2.x builders'), passed directly or
through \`functools.partial\`, seeds from \`num_workers * rank + worker_id +
seed\`: it is reported at the loader's argument, without a fix. Seeds derived from
\`torch.initial_seed()\` or \`get_worker_info().seed\` are correct and not
reported, and so is per-item seeding whose seed includes the epoch
(\`with numpy_seed(self.seed, self.epoch, index)\`). A \`worker_init_fn\` that no
DataLoader uses is not reported.`,
  whyIsThisBad: `
\`worker_init_fn\` runs after torch has seeded the worker, and overrides it.
\`worker_id\` is 0, 1, 2, ... in every epoch, so a seed built from it and
constants gives every epoch the same random numbers: the augmentations of
epoch 1 are replayed in every epoch after it. Workers start within the same
second, so a seed from the clock gives several workers the same numbers. The
\`get_state()\` recipe is wrong on every torch version: torch >= 1.9 has already
array-seeded NumPy in the worker, which always leaves \`get_state()[1][0]\` at
\`2**31\`, so every worker seeds \`2**31 + worker_id\` in every epoch whatever
\`torch.manual_seed\` says (measured on torch 2.13: epochs identical); on torch
< 1.9 it repeats unless the parent reseeds NumPy from entropy before each epoch.
Reseeding per item with the item index alone does the same inside
\`__getitem__\`.`,
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

const WHY_REPEATS: Record<'repeating' | 'parent-state' | 'clock', string> = {
  repeating: 'the same in every epoch',
  'parent-state':
    "drawn from NumPy's state as the worker finds it: on torch >= 1.9 torch has already array-seeded it, so `get_state()[1][0]` is always 2**31 and every epoch repeats (on torch < 1.9 it repeats unless the parent reseeds NumPy before each epoch)",
  clock: 'taken from the clock, which reads the same in workers that start within the same second, and repeats nothing you can reproduce',
};

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

/**
 * Whether the seed reads a parameter of the `worker_init_fn` that every way the
 * loader passes it leaves None (`partial(init_fn, seed=None)`, or a default of
 * None): `None + worker_id` would raise, so code that runs guards the call
 * (`if seed is not None:`), and it never seeds.
 */
function seedsFromNone(call: SeedingCall, initFns: readonly FunctionValue[]): boolean {
  if (!call.seed || call.seed.constant) return false;
  const mine = initFns.filter((initFn) => initFn.fn === call.fn);
  if (mine.length === 0 || mine.length !== initFns.length) return false;
  const read = (expr: Expr): string[] => (expr.k === 'ref' ? [expr.ref.chain] : expr.k === 'op' ? expr.operands.flatMap(read) : expr.k === 'call' ? expr.args.flatMap((argument) => read(argument.value)) : []);
  const parameters = read(call.seed.expr).filter((name) => call.fn.fact.parameters.includes(name));
  const isNone = (expr: Expr | undefined) => expr?.k === 'lit' && expr.type === 'none';
  return parameters.some((name) =>
    mine.every((initFn) => {
      const bound = initFn.partial?.args.find((argument) => argument.keyword === name);
      return bound ? isNone(bound.value) : isNone(call.fn.fact.defaultExprs[name]) && call.fn.fact.parameters.indexOf(name) > 0;
    }),
  );
}

/** Whether a `worker_init_fn`'s seed depends on which worker it runs in: its `worker_id`, or `get_worker_info().id`. */
function seedTellsWorkersApart(call: SeedingCall): boolean {
  if (!call.seed) return false;
  const workerId = call.fn.fact.parameters[0];
  const seen = new Set<string>();
  const reads = (expr: Expr, depth: number): boolean => {
    switch (expr.k) {
      case 'ref': {
        const chain = expr.ref.chain;
        if (chain === workerId || /(^|\.)id$/.test(chain)) return true;
        if (depth > 3 || seen.has(chain) || expr.ref.qname !== null) return false;
        seen.add(chain);
        // A local name: what it is assigned (`worker_seed = base + worker_id`).
        return call.fn.fact.assignments.some((assignment) => assignment.target.chain === chain && reads(assignment.value.expr, depth + 1));
      }
      case 'attr':
        return expr.name === 'id' || reads(expr.object, depth);
      case 'op':
        return expr.operands.some((operand) => reads(operand, depth));
      case 'call':
        return expr.args.some((argument) => reads(argument.value, depth));
      case 'sub':
        return reads(expr.object, depth) || reads(expr.key, depth);
      default:
        return false;
    }
  };
  return reads(call.seed.expr, 0);
}

/** A loader that may start workers, its worker_init_fns, and every function they reach. */
interface InitFnCode {
  loader: LoaderCall;
  initFns: FunctionValue[];
  reached: FunctionEntry[];
}

/** What the worker_init_fns of loaders that may start workers reach, per loader, and all of it together. */
function initFnCodeOf(analysis: Analysis): { perLoader: InitFnCode[]; workerSide: Set<FunctionEntry> } {
  const perLoader: InitFnCode[] = [];
  const workerSide = new Set<FunctionEntry>();
  for (const loader of analysis.loaders) {
    if (loader.workerInitFn.kind !== 'function' || !mayStartWorkers(loader)) continue;
    const initFns = loader.workerInitFn.functions;
    const reached = [...new Set(initFns.flatMap((initFn) => reachedFunctions(analysis.flow, initFn.fn)))];
    for (const fn of reached) workerSide.add(fn);
    perLoader.push({ loader, initFns, reached });
  }
  return { perLoader, workerSide };
}

/** Why a seed that the main process also uses is not rewritten. */
function seedsMainProcessToo(fn: FunctionEntry, mainProcessCall: string): string {
  return `\`${fn.fact.name}\` also seeds the main process (${mainProcessCall}), and rewriting its seed would change that; give the DataLoader a worker_init_fn of its own that seeds from torch.initial_seed()`;
}

/**
 * A `worker_init_fn` that hands its seed to a seeding helper (`set_seed(info.id
 * + conf.seed)`, with `set_seed` also used to seed the main process): the seed
 * is the argument at that call, so that is where it repeats, and what is
 * reported and repaired. Returns the findings, and the helpers' own seeding
 * calls they stand for.
 */
function seedingHelperCalls(analysis: Analysis, code: ReturnType<typeof initFnCodeOf>): { findings: RuleFinding[]; covered: Set<string> } {
  const { index, flow } = analysis;
  const covered = new Set<string>();
  const byCall = new Map<string, { caller: FunctionEntry; call: CallFact; argument: ValueFact; helper: FunctionEntry; seeded: SeedingCall[]; loaders: LoaderCall[] }>();
  for (const { loader, initFns: initFnValues, reached } of code.perLoader) {
    const initFns = initFnValues.map((initFn) => initFn.fn);
    // Workers that live for the whole run are seeded once each: a helper's seed is not judged there (workerInitFnFindings is).
    if (loader.workersLiveForTheRun) {
      for (const helper of reached) for (const own of seedingCallsIn(index, helper)) covered.add(`${own.fn.file.path}:${own.call.start}`);
      continue;
    }
    for (const helper of reached) {
      if (initFns.includes(helper)) continue;
      const seeded = seedingCallsIn(index, helper).filter((call) => call.seed?.ref && call.seed.ref.qname === null && helper.fact.parameters.includes(call.seed.ref.chain));
      if (seeded.length === 0) continue;
      for (const caller of reached) {
        for (const call of caller.fact.calls) {
          if (!flow.valuesOf(call.calleeExpr, flow.contextOf(caller)).values.some((value) => value.kind === 'function' && value.fn === helper)) continue;
          const parameter = seeded[0].seed!.ref!.chain;
          const argument = argumentFor(call, parameter, helper.fact.parameters.indexOf(parameter) - (helper.owner ? 1 : 0));
          if (!argument) continue;
          for (const own of seeded) covered.add(`${own.fn.file.path}:${own.call.start}`);
          if (!seedRepeats(classifySeed(index, argument, caller)) || (argument.expr.k === 'lit' && argument.expr.type === 'none')) continue;
          // A helper that only forwards its own seed parameter (`set_seed(seed)` calling `_np_seed(seed)`): the call that gives it the seed is reported.
          if (argument.ref && argument.ref.qname === null && caller.fact.parameters.includes(argument.ref.chain) && !initFns.includes(caller)) continue;
          const key = `${caller.file.path}:${call.start}`;
          const entry = byCall.get(key) ?? { caller, call, argument, helper, seeded, loaders: [] };
          if (!entry.loaders.includes(loader)) entry.loaders.push(loader);
          byCall.set(key, entry);
        }
      }
    }
  }
  const findings = [...byCall.values()].map(({ caller, call, argument, helper, seeded, loaders }) => {
    const rngs = [...new Set(seeded.map((own) => RNG_LABEL[own.rng]))].join(', ');
    const message = `worker_init_fn \`${functionLabel(caller)}\` calls \`${helper.fact.name}\` with \`${sourceText(caller.file, argument)}\`, which seeds ${rngs} with it: the same in every epoch, it overrides torch's per-worker seeding, so every epoch repeats the same random numbers`;
    // Rewriting the call changes `caller` for every process that runs it: not when the main process runs it too.
    const mainProcess = mainProcessCaller(analysis, caller, code.workerSide);
    const seed = workerSeedExpression(caller.file, true);
    const fix = mainProcess ? null : { description: `Pass torch's per-worker seed to \`${helper.fact.name}\` instead of \`${sourceText(caller.file, argument)}\`.`, edits: [{ file: caller.file, start: argument.start, end: argument.end, text: seed.expression }], preamble: seed.preamble };
    return {
      code: 'RNG004',
      file: caller.file,
      start: call.start,
      end: call.end,
      message,
      confidence: 'certain',
      related: uniquePlaces(loaders.map(loaderPlace)),
      fix,
      ...(mainProcess ? { unfixableReason: seedsMainProcessToo(caller, mainProcess) } : {}),
    } satisfies RuleFinding;
  });
  return { findings, covered };
}

/**
 * A call of `fn` from code that runs outside worker_init_fns (`set_seed(seed)`
 * in `main()`, with `set_seed` also the worker_init_fn): where, or
 * `calls not all known` when its callers could not all be found; null when
 * every caller is worker_init_fn code.
 */
function mainProcessCaller(analysis: Analysis, fn: FunctionEntry, workerSide: ReadonlySet<FunctionEntry>): string | null {
  const { callers, complete } = analysis.flow.callersOf(fn);
  const outside = callers.find((caller) => !workerSide.has(caller.site.in));
  if (outside) return where(outside.site.in.file, outside.site.call.start);
  return complete ? null : `its calls are not all known`;
}

function workerInitFnFindings(analysis: Analysis, code: ReturnType<typeof initFnCodeOf>, covered: ReadonlySet<string>): RuleFinding[] {
  const { index } = analysis;
  const loadersByCall = new Map<string, { call: SeedingCall; loaders: LoaderCall[] }>();
  for (const { loader, initFns, reached } of code.perLoader) {
    for (const fn of reached) {
      for (const call of seedingCallsIn(index, fn)) {
        if (!seedRepeats(call.quality) || seedsFromNone(call, initFns)) continue;
        // Workers that live for the whole run are seeded once each: a seed that tells them apart is enough.
        if (loader.workersLiveForTheRun && seedTellsWorkersApart(call)) continue;
        const key = `${fn.file.path}:${call.call.start}`;
        // A helper's seeding, given its seed by the worker_init_fn's call: reported at that call.
        if (covered.has(key)) continue;
        const entry = loadersByCall.get(key) ?? { call, loaders: [] };
        if (!entry.loaders.includes(loader)) entry.loaders.push(loader);
        loadersByCall.set(key, entry);
      }
    }
  }
  // Seeding calls that share one repaired assignment (`s = 42 + worker_id; np.random.seed(s); random.seed(s)`) share one fix.
  const fixesByEdit = new Map<string, NonNullable<RuleFinding['fix']>>();
  return [...loadersByCall.values()].map(({ call, loaders }) => {
    const seed = describeSeed(call);
    const why = WHY_REPEATS[call.quality as keyof typeof WHY_REPEATS];
    const message = `worker_init_fn \`${functionLabel(call.fn)}\` seeds ${RNG_LABEL[call.rng]} with ${seed}, ${why}: it overrides torch's per-worker seeding, so every epoch repeats the same random numbers`;
    const mainProcessCall = mainProcessCaller(analysis, call.fn, code.workerSide);
    const plan = mainProcessCall ? { reason: seedsMainProcessToo(call.fn, mainProcessCall) } : repairSeed(call);
    let fix: RuleFinding['fix'] = null;
    if ('edits' in plan) {
      const key = plan.edits.map((edit) => `${edit.file.path}:${edit.start}:${edit.end}:${edit.text}`).join('|');
      fix = fixesByEdit.get(key) ?? { description: `Seed from torch's per-worker seed instead of ${seed}.`, edits: plan.edits, preamble: plan.preamble };
      fixesByEdit.set(key, fix);
    }
    return seedFinding(call, message, uniquePlaces(loaders.map(loaderPlace)), fix, 'reason' in plan ? plan.reason : undefined);
  });
}

function perItemFindings(analysis: Analysis): RuleFinding[] {
  const { index } = analysis;
  const byCall = new Map<string, { call: SeedingCall; datasets: DatasetUse[]; once: boolean }>();
  for (const dataset of analysis.datasets) {
    for (const { fn } of dataset.workerSide.entries()) {
      for (const call of seedingCallsIn(index, fn)) {
        if (!seedRepeats(call.quality)) continue;
        // Seeded once per worker from its first item's index: new each epoch when the order is shuffled, never repeated when the workers live for the run.
        const once = seedsOncePerWorker(index, call);
        if (seedsOnceFromDistinctItem(index, call, dataset.workerLoaders)) continue;
        const key = `${fn.file.path}:${call.call.start}`;
        const entry = byCall.get(key) ?? { call, datasets: [], once };
        if (!entry.datasets.includes(dataset)) entry.datasets.push(dataset);
        byCall.set(key, entry);
      }
    }
  }
  return [...byCall.values()].map(({ call, datasets, once }) => {
    const seed = describeSeed(call);
    const names = [...new Set(datasets.map((dataset) => `\`${dataset.name}\``))].join(', ');
    const message = once
      ? `\`${functionLabel(call.fn)}\` reseeds ${RNG_LABEL[call.rng]} with ${seed} once per worker, on its first item, in worker code of ${names}; ` +
        (seedTellsWorkersApartByItem(call) ? 'without shuffling, every worker gets the same first items every epoch, so each epoch repeats the last' : 'the seed is the same in every worker and epoch, so workers repeat each other and every epoch repeats the last')
      : `\`${functionLabel(call.fn)}\` reseeds ${RNG_LABEL[call.rng]} with ${seed} in worker code of ${names}; the seed repeats every epoch, so each item gets the same random numbers every time it is loaded`;
    const related = uniquePlaces(datasets.flatMap((dataset) => dataset.workerLoaders.map(loaderPlace)));
    const reason = once ? 'seed once per worker from torch.initial_seed() instead, or drop the reseeding' : 'per-item reseeding may be deliberate; remove it, or seed from torch.initial_seed(), yourself';
    return seedFinding(call, message, related, null, reason);
  });
}

/** Constructors that make an RNG object (or what seeds one) from a seed. */
const SEEDED_CONSTRUCTORS = new Set([...Object.keys(RNG_CONSTRUCTORS), 'numpy.random.SeedSequence']);

/**
 * Worker code that makes an RNG, or reseeds a global one, on every item from
 * a seed that only tells workers apart (`default_rng(get_worker_info().seed)`
 * in `__getitem__`): every item a worker loads draws the same numbers. Code
 * that records which worker it seeded for (`self.seeded = True`, a registry of
 * seeds, as rng-fix's own helpers do) runs once per worker and is fine.
 */
function perWorkerSeedPerItemFindings(analysis: Analysis): RuleFinding[] {
  const { index } = analysis;
  const found = new Map<string, { fn: FunctionEntry; call: CallFact; datasets: DatasetUse[]; what: string }>();
  for (const dataset of analysis.datasets) {
    for (const { fn } of dataset.workerSide.entries()) {
      if (fn.fact.elementStores.length > 0 || fn.fact.assignments.some((assignment) => assignment.target.chain.includes('.') && fn.fact.parameters[0] !== undefined && assignment.target.chain.startsWith(`${fn.fact.parameters[0]}.`) && /^(True|1)$/.test(fn.file.source.text.slice(assignment.value.start, assignment.value.end)))) continue;
      for (const call of fn.fact.calls) {
        const external = index.externalName(call.callee) ?? '';
        const seeds = SEED_FUNCTIONS[external] !== undefined;
        if (!seeds && !SEEDED_CONSTRUCTORS.has(external)) continue;
        // An RNG object kept on the dataset (`self.rng = default_rng(info.seed)`) is made once, lazily: fine.
        if (!seeds && fn.fact.assignments.some((assignment) => assignment.value.start === call.start && assignment.target.chain.includes('.'))) continue;
        const seed = call.arguments.find((argument) => argument.keyword === null || argument.keyword === 'seed' || argument.keyword === 'entropy')?.value;
        if (!seed || !seedIsPerWorkerOnly(index, seed.expr, fn)) continue;
        // The SeedSequence a default_rng is made from is reported at the default_rng.
        if (external === 'numpy.random.SeedSequence' && fn.fact.calls.some((other) => other !== call && SEEDED_CONSTRUCTORS.has(index.externalName(other.callee) ?? '') && other.start > call.start)) continue;
        const key = `${fn.file.path}:${call.start}`;
        const entry = found.get(key) ?? { fn, call, datasets: [], what: seeds ? `reseeds ${RNG_LABEL[SEED_FUNCTIONS[external]]}` : `makes a new \`${external.split('.').pop()}\`` };
        if (!entry.datasets.includes(dataset)) entry.datasets.push(dataset);
        found.set(key, entry);
      }
    }
  }
  return [...found.values()].map(({ fn, call, datasets, what }) => {
    const names = [...new Set(datasets.map((dataset) => `\`${dataset.name}\``))].join(', ');
    const message = `\`${functionLabel(fn)}\` ${what} on every item from a seed that only tells workers apart (\`${sourceText(fn.file, call.arguments[0].value)}\`), in worker code of ${names}: every item a worker loads gets the same random numbers`;
    return { code: 'RNG004', file: fn.file, start: call.start, end: call.end, message, confidence: 'certain', related: uniquePlaces(datasets.flatMap((dataset) => dataset.workerLoaders.map(loaderPlace))), fix: null, unfixableReason: 'make the RNG once per worker (keep it on the dataset, made the first time a worker needs it), or seed from the item as well' } satisfies RuleFinding;
  });
}

/**
 * Loaders given a library's `worker_init_fn` that seeds from a configured
 * seed and the worker id (OpenMMLab's `partial(worker_init_fn, ..., seed=seed)`):
 * the same in every epoch. The seeding is in the library, so there is nothing
 * here to rewrite.
 */
function libraryInitFnFindings(analysis: Analysis): RuleFinding[] {
  const found = new Map<string, RuleFinding>();
  for (const loader of analysis.loaders) {
    const initFn = loader.workerInitFn;
    if (initFn.kind !== 'unresolved' || !mayStartWorkers(loader) || loader.workersLiveForTheRun) continue;
    const values = analysis.flow.valuesOfFact(initFn.argument, analysis.flow.contextOf(initFn.where)).values.filter((value) => !(value.kind === 'literal' && value.type === 'none'));
    if (values.length === 0 || !values.every((value) => value.kind === 'external' && OPENMMLAB_REPEATING_WORKER_INIT_FNS.has(value.qname))) continue;
    const file = initFn.where.file;
    const key = `${file.path}:${initFn.argument.start}`;
    const known = found.get(key);
    if (known) {
      known.related = uniquePlaces([...known.related, loaderPlace(loader)]);
      continue;
    }
    const qname = (values[0] as { qname: string }).qname;
    found.set(key, {
      code: 'RNG004',
      file,
      start: initFn.argument.start,
      end: initFn.argument.end,
      message:
        `worker_init_fn \`${sourceText(file, initFn.argument)}\` is \`${qname}\`, which seeds NumPy's and Python's global RNGs with \`num_workers * rank + worker_id + seed\`, ` +
        `the same in every epoch: it overrides torch's per-worker seeding, so every epoch repeats the same random numbers`,
      confidence: 'certain',
      related: uniquePlaces([loaderPlace(loader)]),
      fix: null,
      unfixableReason: `the seeding is in the library's \`${qname.split('.').pop()}\`; pass a worker_init_fn that seeds from torch.initial_seed() instead, or keep the workers for the whole run (persistent_workers=True)`,
    });
  }
  return [...found.values()];
}

export const rng004: Rule = {
  code: 'RNG004',
  name: 'worker-init-fn-repeats',
  summary: 'Worker seeding repeats across epochs or workers',
  docs,
  // Seeding that repeats sits in a `worker_init_fn`, or in worker code of a dataset read by a `DataLoader`.
  relevance: { words: ['worker_init_fn', 'Dataset', 'DataLoader'] },
  check(analysis) {
    const code = initFnCodeOf(analysis);
    const helpers = seedingHelperCalls(analysis, code);
    const fromInitFns = [...helpers.findings, ...workerInitFnFindings(analysis, code, helpers.covered), ...libraryInitFnFindings(analysis)];
    const seen = new Set(fromInitFns.map((finding) => `${finding.file.path}:${finding.start}`));
    const perItem = [...perItemFindings(analysis), ...perWorkerSeedPerItemFindings(analysis)];
    return [...fromInitFns, ...perItem.filter((finding) => !seen.has(`${finding.file.path}:${finding.start}`))];
  },
};
