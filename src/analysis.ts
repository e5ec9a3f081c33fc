/**
 * Builds what the rules look at: the linked project, its DataLoader calls, and
 * for every dataset class the code its workers run.
 */
import { ProjectIndex, type ProjectFile } from './project/index.js';
import { findLoaderCalls, isDatasetClass, mayStartWorkers } from './project/loaders.js';
import type { TorchVersionPolicy } from './project/torch-version.js';
import { WorkerSideCode } from './project/worker-side.js';
import type { Analysis, DatasetUse, Strategy } from './rule.js';

/** Methods a DataLoader worker calls on a torch dataset. */
export const TORCH_ENTRY_METHODS = ['__getitem__', '__getitems__', '__iter__', '__next__'];

export function analyse(files: ProjectFile[], torch: TorchVersionPolicy, strategy: Strategy): Analysis {
  const index = new ProjectIndex(files);
  const loaders = findLoaderCalls(index);
  const datasets: DatasetUse[] = [];
  for (const cls of index.allClasses()) {
    if (!isDatasetClass(index, cls)) continue;
    const own = loaders.filter((loader) => loader.datasets.includes(cls));
    // A base class that no loader reads directly is analysed through its subclasses.
    if (own.length === 0 && index.subclassesOf(cls).length > 0) continue;
    const workerLoaders = own.filter(mayStartWorkers);
    if (own.length > 0 && workerLoaders.length === 0) continue;
    datasets.push({ cls, workerSide: new WorkerSideCode(index, cls, TORCH_ENTRY_METHODS), loaders: own, workerLoaders });
  }
  return { index, datasets, loaders, torch, strategy };
}
