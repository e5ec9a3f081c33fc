/**
 * Builds what the rules look at: the linked project, its DataLoader calls, and
 * for every dataset class the code its workers run.
 */
import type { ClassEntry, ProjectIndex } from './project/index.js';
import { findLoaderCalls, isDatasetClass, mayStartWorkers, type LoaderCall } from './project/loaders.js';
import type { TorchVersionPolicy } from './project/torch-version.js';
import { WorkerSideCode } from './project/worker-side.js';
import type { Analysis, DatasetUse, Strategy } from './rule.js';

/** Methods a DataLoader worker calls on a torch dataset. */
export const TORCH_ENTRY_METHODS = ['__getitem__', '__getitems__', '__iter__', '__next__'];

export function analyse(index: ProjectIndex, torch: TorchVersionPolicy, strategy: Strategy): Analysis {
  const loaders = findLoaderCalls(index);
  const datasets: DatasetUse[] = [];
  const seen = new Set<string>();
  // Following a base class or a call may load more modules, and with them more classes.
  for (let classes = index.allClasses(); classes.some((cls) => !seen.has(cls.qname)); classes = index.allClasses()) {
    for (const cls of classes) {
      if (seen.has(cls.qname)) continue;
      seen.add(cls.qname);
      const use = datasetUse(index, cls, loaders);
      if (use) datasets.push(use);
    }
  }
  return { index, datasets, loaders, torch, strategy };
}

function datasetUse(index: ProjectIndex, cls: ClassEntry, loaders: LoaderCall[]): DatasetUse | null {
  if (!isDatasetClass(index, cls)) return null;
  const own = loaders.filter((loader) => loader.datasets.includes(cls));
  // A base class that no loader reads directly is analysed through its subclasses.
  if (own.length === 0 && index.subclassesOf(cls).length > 0) return null;
  const workerLoaders = own.filter(mayStartWorkers);
  if (own.length > 0 && workerLoaders.length === 0) return null;
  return { cls, workerSide: new WorkerSideCode(index, cls, TORCH_ENTRY_METHODS), loaders: own, workerLoaders };
}
