/**
 * Builds what the rules look at: the linked project with its value flow, its
 * DataLoader calls, and for every dataset class the code its workers run.
 */
import { ValueFlow } from './flow/flow.js';
import type { ClassEntry, ProjectIndex } from './project/index.js';
import { LIBRARY_DATASET_ITEM_METHODS } from './models/index.js';
import { TORCH_ENTRY_METHODS } from './models/torch.js';
import { findLoaderCalls, isDatasetClass, isDuckTypedDataset, lightningSeedsWorkers, mayStartWorkers, type LoaderCall } from './project/loaders.js';
import { libraryDatasetUses } from './project/library-datasets.js';
import { isWorkerAware } from './project/rng-sources.js';
import type { TorchVersions } from './project/torch-version.js';
import { WorkerSideCode } from './project/worker-side.js';
import type { Analysis, DatasetUse, Strategy } from './rule.js';

export { TORCH_ENTRY_METHODS };

/** What torch's workers call on a map-style dataset. */
const MAP_STYLE_ENTRY_METHODS: readonly string[] = ['__getitem__', '__getitems__'];

/**
 * The methods workers call on a dataset class: torch's, and the per-item
 * methods a library base's own `__getitem__` calls (PyG's `get`) when the
 * class does not define `__getitem__` itself.
 */
function entryMethodsOf(index: ProjectIndex, cls: ClassEntry): readonly string[] {
  // A class with no torch dataset base that a loader reads is map-style: torch calls its `__getitem__` only.
  if (!isDatasetClass(index, cls)) return MAP_STYLE_ENTRY_METHODS;
  if (index.lookupMethod(cls, '__getitem__')) return TORCH_ENTRY_METHODS;
  const called = LIBRARY_DATASET_ITEM_METHODS.filter((entry) => index.derivesFrom(cls, entry.bases)).flatMap((entry) => entry.methods);
  return called.length > 0 ? [...TORCH_ENTRY_METHODS, ...called] : TORCH_ENTRY_METHODS;
}

/** The value flow of a project; make it before asking about classes, since computed bases are resolved through it. */
export function valueFlowOf(index: ProjectIndex): ValueFlow {
  const flow = new ValueFlow(index);
  flow.isWorkerLocal = (fn) => isWorkerAware(fn, index);
  return flow;
}

export function analyse(flow: ValueFlow, torch: TorchVersions, strategy: Strategy): Analysis {
  const index = flow.index;
  const loaders = findLoaderCalls(flow);
  const loadersByDataset = new Map<ClassEntry, LoaderCall[]>();
  for (const loader of loaders) {
    for (const cls of loader.datasets) loadersByDataset.set(cls, [...(loadersByDataset.get(cls) ?? []), loader]);
  }
  const datasets: DatasetUse[] = [];
  const seen = new Set<ClassEntry>();
  // Following a base class or a call may load more modules, and with them more classes.
  const classes = index.allClasses();
  // A library dataset (`CacheDataset(data, transform)`) runs what it was built with: one use per library dataset and loader.
  for (const use of libraryDatasetUses(flow, loaders)) {
    datasets.push({ cls: null, name: use.name, workerSide: use.workerSide, loaders: [use.loader], workerLoaders: [use.loader], heldByLibrary: use.held });
  }
  datasets.push(...collateUses(flow, loaders));
  for (let position = 0; position < classes.length; position++) {
    const cls = classes[position];
    if (seen.has(cls)) continue;
    seen.add(cls);
    const use = datasetUse(flow, cls, loadersByDataset.get(cls) ?? []);
    if (use) datasets.push(use);
  }
  // A dataset no loader reads, whose items another (linked) dataset's workers read, is analysed through that one.
  const runInLinked = new Set(datasets.filter((dataset) => dataset.loaders.length > 0).flatMap((dataset) => dataset.workerSide.entries().map((side) => side.fn)));
  const analysed = datasets.filter(
    (dataset) =>
      dataset.loaders.length > 0 ||
      !TORCH_ENTRY_METHODS.some((name) => {
        const method = dataset.cls && index.lookupMethod(dataset.cls, name);
        return method !== null && runInLinked.has(method);
      }),
  );
  return { index, flow, datasets: analysed, loaders, torch, strategy, lightningSeeding: lightningSeedsWorkers(index) };
}

/** A project dataset class and the loaders that read it (`own`), or null when its workers never run. */
function datasetUse(flow: ValueFlow, cls: ClassEntry, own: LoaderCall[]): DatasetUse | null {
  const index = flow.index;
  // A class no torch dataset base makes a dataset is one where a loader reads it (`DataLoader(Plain())`, `Plain` with a `__getitem__`).
  if (!isDatasetClass(index, cls) && !(own.length > 0 && isDuckTypedDataset(index, cls))) return null;
  // A base class that no loader reads directly is analysed through its subclasses.
  if (own.length === 0 && index.subclassesOf(cls).length > 0) return null;
  const workerLoaders = own.filter(mayStartWorkers);
  if (own.length > 0 && workerLoaders.length === 0) return null;
  return { cls, name: cls.fact.name, workerSide: WorkerSideCode.ofDataset(flow, cls, entryMethodsOf(index, cls)), loaders: own, workerLoaders };
}

/**
 * The `collate_fn`s of loaders that may start workers: a worker collates the
 * batches it loads, so what the function (or object) draws is drawn there.
 * One use per loader.
 */
function collateUses(flow: ValueFlow, loaders: readonly LoaderCall[]): DatasetUse[] {
  const uses: DatasetUse[] = [];
  for (const loader of loaders) {
    if (!mayStartWorkers(loader) || !loader.collateFn) continue;
    const callables = loader.collateFn.values.filter((value) => value.kind === 'function' || value.kind === 'instance');
    if (callables.length === 0) continue;
    const first = callables[0];
    const name = first.kind === 'function' ? first.fn.fact.name : first.kind === 'instance' ? first.cls.fact.name : 'collate_fn';
    uses.push({ cls: null, name, workerSide: WorkerSideCode.ofCallables(flow, { values: callables, possible: loader.collateFn.possible }), loaders: [loader], workerLoaders: [loader] });
  }
  return uses;
}
