/**
 * DataLoader calls: which datasets they read, whether they may start worker
 * processes, and the `worker_init_fn` they pass.
 */
import type { CallFact, ValueFact } from '../python/facts.js';
import { argumentFor, lastPart, type ClassEntry, type FunctionEntry, type ProjectFile, type ProjectIndex } from './index.js';

export const DATA_LOADERS = new Set(['torch.utils.data.DataLoader', 'torch.utils.data.dataloader.DataLoader']);

export const TORCH_DATASETS = new Set([
  'torch.utils.data.Dataset',
  'torch.utils.data.dataset.Dataset',
  'torch.utils.data.IterableDataset',
  'torch.utils.data.dataset.IterableDataset',
  'torchvision.datasets.VisionDataset',
  'torchvision.datasets.vision.VisionDataset',
  'torchvision.datasets.DatasetFolder',
  'torchvision.datasets.ImageFolder',
]);

/** Where a torch DataLoader takes these parameters by position. */
const NUM_WORKERS_POSITION = 5;
const WORKER_INIT_FN_POSITION = 10;

export type WorkerCount = { kind: 'none' } | { kind: 'literal'; value: number } | { kind: 'dynamic' };

export type WorkerInitFn =
  | { kind: 'absent' }
  | { kind: 'function'; fn: FunctionEntry; argument: ValueFact }
  | { kind: 'unresolved'; argument: ValueFact };

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
}

export function mayStartWorkers(loader: LoaderCall): boolean {
  return loader.workers.kind === 'dynamic' || (loader.workers.kind === 'literal' && loader.workers.value >= 1);
}

export function isDatasetClass(index: ProjectIndex, cls: ClassEntry): boolean {
  return index.derivesFrom(cls, TORCH_DATASETS);
}

export function findLoaderCalls(index: ProjectIndex): LoaderCall[] {
  const loaders: LoaderCall[] = [];
  // Names a loader may be called by: DataLoader, and project subclasses of it (resolving every call would load every module).
  const loaderNames = new Set(['DataLoader', ...index.allClasses().filter((cls) => index.derivesFrom(cls, DATA_LOADERS)).map((cls) => cls.fact.name)]);
  for (const file of [...index.files]) {
    file.facts.functions.forEach((fact, functionIndex) => {
      for (const call of fact.calls) {
        if (!loaderNames.has(lastPart(call.callee?.qname))) continue;
        const symbol = index.resolve(call.callee?.qname ?? null);
        const isTorchLoader = symbol?.kind === 'external' && DATA_LOADERS.has(symbol.qname);
        const isSubclass = symbol?.kind === 'class' && index.derivesFrom(symbol.entry, DATA_LOADERS);
        if (!isTorchLoader && !isSubclass) continue;
        const loader = describeLoader(index, file, index.functionAt(file, functionIndex), call, isTorchLoader);
        loaders.push({ ...loader, loaderClass: symbol?.kind === 'class' ? symbol.entry : null });
      }
    });
  }
  return loaders;
}

function describeLoader(index: ProjectIndex, file: ProjectFile, where: FunctionEntry, call: CallFact, isTorchLoader: boolean): Omit<LoaderCall, 'loaderClass'> {
  const hasKeywordSplat = call.arguments.some((argument) => argument.splat === '**');
  const positional = (position: number) => (isTorchLoader ? position : Number.MAX_SAFE_INTEGER);
  const datasetArgument = argumentFor(call, 'dataset', 0);
  const datasets = datasetArgument
    ? [...new Set(index.originsOf(datasetArgument, where, where.owner).flatMap((origin) => (origin.kind === 'instance' && isDatasetClass(index, origin.cls) ? [origin.cls] : [])))]
    : [];

  let workers: WorkerCount;
  const workersArgument = argumentFor(call, 'num_workers', positional(NUM_WORKERS_POSITION));
  if (workersArgument) {
    const text = file.source.text.slice(workersArgument.start, workersArgument.end).trim();
    workers = /^\d+$/.test(text) ? { kind: 'literal', value: Number(text) } : { kind: 'dynamic' };
  } else {
    const mayBeHidden = hasKeywordSplat || call.arguments.some((argument) => argument.splat === '*') || !isTorchLoader;
    workers = mayBeHidden ? { kind: 'dynamic' } : { kind: 'none' };
  }

  let workerInitFn: WorkerInitFn = { kind: 'absent' };
  const initArgument = argumentFor(call, 'worker_init_fn', positional(WORKER_INIT_FN_POSITION));
  if (initArgument && file.source.text.slice(initArgument.start, initArgument.end).trim() !== 'None') {
    const lambda = index.functionStartingAt(file, initArgument.start);
    const symbol = index.resolve(initArgument.ref?.qname ?? null);
    if (lambda?.fact.isLambda) workerInitFn = { kind: 'function', fn: lambda, argument: initArgument };
    else if (symbol?.kind === 'function') workerInitFn = { kind: 'function', fn: symbol.entry, argument: initArgument };
    else workerInitFn = { kind: 'unresolved', argument: initArgument };
  }
  return { file, call, in: where, datasets, workers, workerInitFn, hasKeywordSplat };
}
