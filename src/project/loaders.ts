/**
 * DataLoader calls: which datasets they read, whether they may start worker
 * processes, and the `worker_init_fn` they pass.
 */
import type { Context, ValueFlow } from '../flow/flow.js';
import { instancesIn, type FunctionValue, type Value, type Values } from '../flow/values.js';
import type { CallFact, Expr, ValueFact } from '../python/facts.js';
import { findTrainerLoaders } from './hf-trainers.js';
import { argumentFor, type ClassEntry, type FunctionEntry, type ProjectFile, type ProjectIndex } from './index.js';
import { LIGHTNING_SEED_EVERYTHING } from '../models/lightning.js';
import { MONAI_DATA_LOADERS } from '../models/monai.js';
import { DATA_LOADER_POSITIONS, DATA_LOADERS, TORCH_DATASETS } from '../models/torch.js';

export { DATA_LOADERS, TORCH_DATASETS } from '../models/torch.js';
export { MONAI_DATA_LOADERS } from '../models/monai.js';

const NUM_WORKERS_POSITION = DATA_LOADER_POSITIONS.num_workers;
const COLLATE_FN_POSITION = DATA_LOADER_POSITIONS.collate_fn;
const WORKER_INIT_FN_POSITION = DATA_LOADER_POSITIONS.worker_init_fn;

export type WorkerCount = { kind: 'none' } | { kind: 'literal'; value: number } | { kind: 'dynamic' };

/**
 * The `worker_init_fn` a loader passes. `function`: every function the
 * argument may be (`fn`, the first; `partial(seed_fn, seed=s)` is `seed_fn`
 * with its bound arguments; `fn if flag else None` is `fn`).
 */
export type WorkerInitFn =
  | { kind: 'absent' }
  | { kind: 'function'; fn: FunctionEntry; functions: FunctionValue[]; argument: ValueFact; where: FunctionEntry }
  | { kind: 'unresolved'; argument: ValueFact; where: FunctionEntry };

/** An object of a project class with `__call__` (`worker_init_fn=WorkerInit(seed)`): torch calls that method, bound to the object. */
function callableObjectMethod(index: ProjectIndex, value: Value): FunctionValue | null {
  if (value.kind !== 'instance') return null;
  const method = index.lookupMethod(value.cls, '__call__');
  return method ? { kind: 'function', fn: method, self: value.cls, selfMadeIn: value.madeIn, partial: null } : null;
}

export interface LoaderCall {
  file: ProjectFile;
  call: CallFact;
  in: FunctionEntry;
  /** Project dataset classes the loader reads, as far as the code shows. */
  datasets: ClassEntry[];
  workers: WorkerCount;
  workerInitFn: WorkerInitFn;
  /** `**kwargs` may hold any argument, `worker_init_fn` included. */
  hasKeywordSplat: boolean;
  /** The project's DataLoader subclass this call constructs, if it is one. */
  loaderClass: ClassEntry | null;
  /** `monai.data.DataLoader`, which seeds MONAI transforms itself when it is given no `worker_init_fn`. */
  monai: boolean;
  /** Whether the datasets were found through an over-approximation (a computed key or attribute name). */
  possible: boolean;
  /** The dataset argument, when the call passes one. */
  datasetArgument: ValueFact | null;
  /** What `collate_fn` may be: it runs in the worker too, once per batch. Null when none is given. */
  collateFn: Values | null;
  /**
   * Whether its workers live for the whole run: `persistent_workers=True`, or
   * one iterator made of it once (`it = iter(loader)` outside any loop, then
   * `next(it)`), never iterated afresh. A seed set once per worker is then
   * drawn once per worker, not once per epoch.
   */
  workersLiveForTheRun: boolean;
  /** Whether the order of items changes each epoch: `shuffle=True`, or a sampler or batch sampler (which may). */
  shuffles: boolean;
  /**
   * Set when a library builds the DataLoader from `call`'s arguments
   * (Hugging Face's `Trainer`): what the call is named in messages, the
   * argument that sets the worker count, and whether the library's own
   * `worker_init_fn` seeds the global RNGs afresh in every worker. Such a call
   * takes no `worker_init_fn`: fixes cannot add one there.
   */
  builtBy: { name: string; argument: string; seedsGlobalRngs: boolean } | null;
}


/** Whether the project calls Lightning's `seed_everything(..., workers=True)`: Lightning then seeds loaders that have no `worker_init_fn`. */
export function lightningSeedsWorkers(index: ProjectIndex): CallFact | null {
  for (const site of index.callSitesNamed('seed_everything')) {
    const qname = index.externalName(site.call.callee);
    if (!qname || !LIGHTNING_SEED_EVERYTHING.test(qname)) continue;
    const workers = site.call.arguments.find((argument) => argument.keyword === 'workers') ?? site.call.arguments.filter((argument) => argument.keyword === null)[1];
    if (workers && workers.value.expr.k === 'lit' && workers.value.expr.value === 'True') return site.call;
  }
  return null;
}

export function mayStartWorkers(loader: LoaderCall): boolean {
  return loader.workers.kind === 'dynamic' || (loader.workers.kind === 'literal' && loader.workers.value >= 1);
}

/**
 * The argument a project `DataLoader` subclass's `__init__` (or that of a
 * project base between it and torch's) passes under `keyword` to the base's
 * `__init__`: `super().__init__(dataset, collate_fn=self.collate, **kwargs)`,
 * `DataLoader.__init__(self, dataset, worker_init_fn=seed_fn)`.
 */
export function passedToBaseLoader(index: ProjectIndex, cls: ClassEntry, keyword: string): { argument: ValueFact; in: FunctionEntry } | null {
  for (const current of index.mro(cls)) {
    const init = index.lookupMethod(current, '__init__');
    if (!init || init.owner !== current) continue;
    for (const call of init.fact.calls) {
      const chain = call.callee?.chain ?? '';
      if (chain !== 'super().__init__' && !(chain.endsWith('.__init__') && call.arguments[0]?.value.ref?.chain === init.fact.parameters[0])) continue;
      const argument = call.arguments.find((candidate) => candidate.keyword === keyword)?.value;
      if (argument) return { argument, in: init };
    }
  }
  return null;
}

/**
 * `persistent_workers=num_workers > 0`, `True if cfg.workers > 0 else False`,
 * `bool(num_workers)`: persistent whenever there are workers (torch refuses
 * `persistent_workers=True` without them, hence the idiom).
 */
function persistsWhenWorkers(text: string): boolean {
  const written = text.replace(/\s+/g, ' ').trim();
  // The comparison must be of the worker count (`num_workers`, `cfg.workers`), not of anything positive (`epochs > 0`).
  return PERSISTENT_WHEN_WORKERS.test(written) && /workers/i.test(written);
}

const PERSISTENT_WHEN_WORKERS = /^(?:True if )?\(?[\w.\[\]'"()]+\)? ?(?:> ?0|>= ?1|!= ?0)\)?(?: else False)?$|^bool\([\w.\[\]'"()]+\)$/;

export function isDatasetClass(index: ProjectIndex, cls: ClassEntry): boolean {
  return index.derivesFrom(cls, TORCH_DATASETS);
}

/**
 * A class a DataLoader can read without deriving from torch's `Dataset`:
 * torch only indexes what it is given, so a plain class with its own
 * `__getitem__` handed to a loader is a (map-style) dataset there.
 */
export function isDuckTypedDataset(index: ProjectIndex, cls: ClassEntry): boolean {
  // Without IterableDataset as a base, torch treats it as map-style: only `__getitem__` runs.
  return index.lookupMethod(cls, '__getitem__') !== null && !index.derivesFrom(cls, DATA_LOADERS);
}

/**
 * Every call that constructs a DataLoader: `DataLoader(...)` however imported,
 * a project subclass of it, or a name that holds one of those (`loader_cls =
 * InfiniteDataLoader if flag else DataLoader; loader_cls(...)`).
 */
export function findLoaderCalls(flow: ValueFlow): LoaderCall[] {
  const index = flow.index;
  const loaders: LoaderCall[] = [];
  // Names a loader may be called by: DataLoader, project subclasses of it, and local names (which may hold either).
  const loaderNames = new Set(['DataLoader', ...index.allClasses().filter((cls) => index.derivesFrom(cls, DATA_LOADERS)).map((cls) => cls.fact.name)]);
  const candidates = [...loaderNames].flatMap((name) => index.callSitesNamed(name));
  // A local name that holds a loader class is bound to an expression that names one (or has such a default).
  const namesLoader = (text: string) => [...loaderNames].some((name) => text.includes(name));
  for (const file of index.files) {
    for (const [position, fact] of file.facts.functions.entries()) {
      for (const call of fact.calls) {
        const local = call.callee && call.callee.qname === null && !call.callee.chain.includes('.') ? call.callee.chain : null;
        if (!local || loaderNames.has(local)) continue;
        const bound = fact.assignments.some((assignment) => assignment.target.chain === local && namesLoader(file.source.text.slice(assignment.value.start, assignment.value.end))) || (Object.hasOwn(fact.defaults, local) && namesLoader(fact.defaults[local]));
        if (bound) candidates.push({ call, in: index.functionAt(file, position) });
      }
    }
  }
  const seen = new Set<CallFact>();
  for (const { call, in: where } of candidates) {
    if (seen.has(call)) continue;
    seen.add(call);
    const callee = flow.valuesOf(call.calleeExpr, flow.contextOf(where));
    const loaderClasses = callee.values.flatMap((value) => (value.kind === 'class' && index.derivesFrom(value.cls, DATA_LOADERS) ? [value.cls] : []));
    const isTorchLoader = callee.values.some((value) => value.kind === 'external' && DATA_LOADERS.has(value.qname));
    const isMonaiLoader = callee.values.some((value) => value.kind === 'external' && MONAI_DATA_LOADERS.has(value.qname));
    if (!isTorchLoader && !isMonaiLoader && loaderClasses.length === 0) continue;
    const signature = isMonaiLoader ? 'monai' : isTorchLoader && loaderClasses.length === 0 ? 'torch' : 'unknown';
    loaders.push({ ...describeLoader(flow, where, call, signature, loaderClasses[0] ?? null), loaderClass: loaderClasses[0] ?? null, monai: isMonaiLoader, builtBy: null });
  }
  loaders.push(...findTrainerLoaders(flow, (cls) => isDatasetClass(index, cls) || isDuckTypedDataset(index, cls)));
  return loaders;
}

/** The literal integers a value may be, or null when one of them is not a literal integer. */
export function literalIntegers(values: Values): number[] | null {
  const numbers: number[] = [];
  for (const value of values.values) {
    if (value.kind !== 'literal' || value.type !== 'int') return null;
    numbers.push(Number(value.value));
  }
  return numbers.length > 0 ? numbers : null;
}

/**
 * What `**splat` arguments of a call give a keyword: its values, `absent`
 * when every splat is a dict whose keys are all known and none is it, or
 * null when a splat may hold anything.
 */
function splattedKeyword(flow: ValueFlow, call: CallFact, keyword: string, ctx: Context): Values | 'absent' | null {
  const splats = call.arguments.filter((argument) => argument.splat === '**');
  const found: Value[] = [];
  for (const splat of splats) {
    // A dict that code also stores into (`options["worker_init_fn"] = f`) holds what is stored under literal keys
    // too; a store under a computed key may hold anything.
    if (splat.value.expr.k === 'ref' && flow.hasStoredElements(splat.value.expr, ctx)) {
      const stored = flow.storedUnderKeys(splat.value.expr, ctx);
      if (stored === null) return null;
      found.push(...(stored.get(keyword) ?? []));
    }
    for (const value of flow.valuesOfFact(splat.value, ctx).values) {
      // What is stored into the dict was read above, under its keys.
      if (value.kind === 'container' && value.id.startsWith('stores:')) continue;
      if (value.kind !== 'container' || !value.exact || !value.byKey) return null;
      found.push(...(value.byKey.get(keyword) ?? []));
    }
  }
  return found.length > 0 ? { values: found, possible: false } : 'absent';
}

/** Calls that iterate what they are given (and so start a loader's workers afresh each time they run over it). */
const ITERATING = new Set(['enumerate', 'zip', 'list', 'tqdm', 'cycle', 'itertools.cycle', 'tqdm.tqdm', 'tqdm.auto.tqdm']);

/**
 * Whether a loader is only ever read through one iterator made once: the
 * name it is bound to (where it is made, or where the function that returns
 * it is called) goes to `iter(...)` outside any loop, and is never iterated
 * itself (`for batch in loader`, `enumerate(loader)`, `cycle(loader)`).
 */
function iteratedOnce(flow: ValueFlow, call: CallFact, where: FunctionEntry): boolean {
  const bindings: { fn: FunctionEntry; target: string }[] = [];
  const boundIn = (fn: FunctionEntry, start: number, end: number) => {
    for (const assignment of fn.fact.assignments) if (assignment.value.start === start && assignment.value.end === end) bindings.push({ fn, target: assignment.target.chain });
  };
  boundIn(where, call.start, call.end);
  // `return DataLoader(...)` from a builder, or `loader = DataLoader(...); return loader`: the names its callers bind the result to.
  const returnedName = bindings.length === 1 && !bindings[0].target.includes('.') ? bindings[0].target : null;
  const returned = where.fact.returns.some((value) => (value.start === call.start && value.end === call.end) || (returnedName !== null && value.expr.k === 'ref' && value.expr.ref.chain === returnedName));
  if (returned && (bindings.length === 0 || returnedName !== null)) {
    const { callers, complete } = flow.callersOf(where);
    if (!complete) return false;
    // The builder's own name is read only to be returned (an iterator made of it there would be another reader).
    if (returnedName !== null && where.fact.calls.some((candidate) => candidate.arguments[0]?.value.expr.k === 'ref' && candidate.arguments[0].value.expr.ref.chain === returnedName && (candidate.callee?.chain === 'iter' || ITERATING.has(candidate.callee?.chain ?? '')))) return false;
    bindings.length = 0;
    for (const { site } of callers) boundIn(site.in, site.call.start, site.call.end);
  }
  if (bindings.length === 0) return false;
  return bindings.every(({ fn, target }) => {
    // A loader made afresh on every pass of a loop (`run_epoch()` called once per epoch) starts new workers each time.
    if (calledInALoop(flow, fn, 0)) return false;
    // `self.loader` may be read by any method of the class.
    const readers = target.startsWith(`${fn.fact.parameters[0]}.`) && fn.owner ? flow.index.mro(fn.owner).flatMap((cls) => Object.values(cls.fact.methods).map((position) => flow.index.functionAt(cls.file, position))) : [fn];
    const attribute = target.includes('.') ? target.slice(target.indexOf('.')) : null;
    const names = (reader: FunctionEntry) => (attribute ? `${reader.fact.parameters[0]}${attribute}` : target);
    let iters = 0;
    for (const reader of readers) {
      const name = names(reader);
      const isName = (expr: { k: string; ref?: { chain: string } }) => expr.k === 'ref' && expr.ref!.chain === name;
      const iterates = (expr: Expr): boolean => expr.k === 'item' && ((expr.index === null && isName(expr.of)) || iterates(expr.of));
      if (reader.fact.assignments.some((assignment) => iterates(assignment.value.expr))) return false;
      for (const candidate of reader.fact.calls) {
        const first = candidate.arguments[0]?.value.expr;
        if (!first || !isName(first)) continue;
        const callee = candidate.callee?.chain ?? '';
        if (ITERATING.has(callee)) return false;
        if (callee !== 'iter') continue;
        if (insideLoop(reader, candidate)) return false;
        iters++;
      }
    }
    return iters > 0;
  });
}

/** Whether the code at `span` runs inside a loop of `fn`. */
function insideLoop(fn: FunctionEntry, span: { start: number; end: number }): boolean {
  const loops = fn.fact.loops;
  for (let position = 0; position < loops.length; position += 2) if (loops[position] <= span.start && span.end <= loops[position + 1]) return true;
  return false;
}

/** How many callers up a function is looked at for a loop that calls it. */
const MAX_CALLER_DEPTH = 3;

/** Whether a call site the project shows calls `fn` inside a loop, directly or through its callers. */
function calledInALoop(flow: ValueFlow, fn: FunctionEntry, depth: number): boolean {
  if (depth >= MAX_CALLER_DEPTH || fn.fact.id === '<module>') return false;
  return flow.callersOf(fn).callers.some(({ site }) => insideLoop(site.in, site.call) || calledInALoop(flow, site.in, depth + 1));
}

/** Whether an expression reads a parameter of the function it is in. */
function readsParameter(expr: Expr, fn: FunctionEntry): boolean {
  switch (expr.k) {
    case 'ref':
      return expr.ref.qname === null && fn.fact.parameters.includes(expr.ref.chain.split('.')[0]);
    case 'call':
      return readsParameter(expr.callee, fn) || expr.args.some((argument) => readsParameter(argument.value, fn));
    case 'attr':
    case 'sub':
      return readsParameter(expr.object, fn);
    case 'either':
      return expr.options.some((option) => readsParameter(option, fn));
    default:
      return false;
  }
}

/**
 * What a loader call passes. `signature`: torch's own (parameters by position
 * known), MONAI's (`dataset, num_workers=0, **kwargs`), or a subclass's (keywords only).
 */
function describeLoader(flow: ValueFlow, where: FunctionEntry, call: CallFact, signature: 'torch' | 'monai' | 'unknown', loaderClass: ClassEntry | null): Omit<LoaderCall, 'loaderClass' | 'monai' | 'builtBy'> {
  const isTorchLoader = signature === 'torch';
  const index = flow.index;
  const file = where.file;
  const ctx = flow.contextOf(where);
  const positional = (position: number) => (isTorchLoader ? position : Number.MAX_SAFE_INTEGER);
  const datasetArgument = argumentFor(call, 'dataset', 0);
  // A loader built in a helper (`build_dataloader(dataset, workers)`) reads what its callers pass, and they may sit in files
  // the prefilter only skimmed (a `train.py` that names no DataLoader): those that import the helper's module are read.
  const handedIn = [datasetArgument, argumentFor(call, 'num_workers', positional(NUM_WORKERS_POSITION)), argumentFor(call, 'worker_init_fn', positional(WORKER_INIT_FN_POSITION))];
  if (handedIn.some((argument) => argument !== null && readsParameter(argument.expr, where))) index.loadImportersOf(file.facts.module);
  const datasetValues = datasetArgument ? flow.valuesOfFact(datasetArgument, ctx) : null;
  const datasets = datasetValues ? [...new Set(instancesIn(datasetValues).flatMap((instance) => (isDatasetClass(index, instance.cls) || (isTorchLoader && isDuckTypedDataset(index, instance.cls)) ? [instance.cls] : [])))] : [];
  const listSplat = call.arguments.some((argument) => argument.splat === '*');
  // A keyword given directly, or through `**` dicts whose keys the code shows.
  const keywordValues = (keyword: string, position: number): { values: Values | null; argument: ValueFact | null; hidden: boolean; in: FunctionEntry } => {
    const argument = argumentFor(call, keyword, positional(position));
    if (argument) return { values: flow.valuesOfFact(argument, ctx), argument, hidden: false, in: where };
    // A project loader subclass may hand it to torch's loader itself: `super().__init__(dataset, worker_init_fn=seed_fn, **kwargs)`.
    const inherited = loaderClass ? passedToBaseLoader(index, loaderClass, keyword) : null;
    if (inherited) return { values: flow.valuesOfFact(inherited.argument, flow.contextOf(inherited.in)), argument: inherited.argument, hidden: false, in: inherited.in };
    const splatted = splattedKeyword(flow, call, keyword, ctx);
    const splat = call.arguments.find((item) => item.splat === '**')?.value ?? null;
    if (splatted === null) return { values: null, argument: null, hidden: true, in: where };
    if (splatted === 'absent') return { values: null, argument: null, hidden: listSplat || signature === 'unknown', in: where };
    return { values: splatted, argument: splat, hidden: false, in: where };
  };

  let workers: WorkerCount;
  const workersGiven = keywordValues('num_workers', NUM_WORKERS_POSITION);
  if (workersGiven.values) {
    const counts = literalIntegers(workersGiven.values);
    workers = counts ? { kind: 'literal', value: Math.max(...counts) } : { kind: 'dynamic' };
  } else {
    workers = workersGiven.hidden ? { kind: 'dynamic' } : { kind: 'none' };
  }

  let workerInitFn: WorkerInitFn = { kind: 'absent' };
  const initGiven = keywordValues('worker_init_fn', WORKER_INIT_FN_POSITION);
  if (initGiven.values && initGiven.argument) {
    const values = initGiven.values.values.filter((value) => !(value.kind === 'literal' && value.type === 'none')).map((value) => callableObjectMethod(flow.index, value) ?? value);
    const functions = values.filter((value): value is FunctionValue => value.kind === 'function');
    if (functions.length > 0 && functions.length === values.length) workerInitFn = { kind: 'function', fn: functions[0].fn, functions, argument: initGiven.argument, where: initGiven.in };
    else if (values.length > 0) workerInitFn = { kind: 'unresolved', argument: initGiven.argument, where: initGiven.in };
  }
  // `**kwargs` that may hold any argument, `worker_init_fn` included.
  const hasKeywordSplat = initGiven.hidden && call.arguments.some((argument) => argument.splat === '**');
  const collateFn = keywordValues('collate_fn', COLLATE_FN_POSITION).values;
  const persistent = keywordValues('persistent_workers', Number.MAX_SAFE_INTEGER);
  const persistentWorkers =
    (persistent.values !== null && persistent.values.values.length > 0 && persistent.values.values.every((value) => value.kind === 'literal' && value.value === 'True')) ||
    (persistent.argument !== null && persistsWhenWorkers(persistent.in.file.source.text.slice(persistent.argument.start, persistent.argument.end)));
  const workersLiveForTheRun = persistentWorkers || iteratedOnce(flow, call, where);
  const isFalse = (values: Values | null) => values === null || values.values.every((value) => value.kind === 'literal' && (value.value === 'False' || value.value === 'None'));
  const shuffles = !isFalse(keywordValues('shuffle', 2).values) || !isFalse(keywordValues('sampler', 3).values) || !isFalse(keywordValues('batch_sampler', 4).values);
  return { file, call, in: where, datasets, workers, workerInitFn, hasKeywordSplat, possible: datasetValues?.possible ?? false, datasetArgument, collateFn, workersLiveForTheRun, shuffles };
}
