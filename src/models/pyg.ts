/**
 * PyTorch Geometric, as data. Its loaders subclass torch's `DataLoader` and
 * pass `num_workers`, `worker_init_fn` and the rest through to it. Its
 * datasets subclass torch's `Dataset`: the library's `__getitem__` calls the
 * subclass's `get(idx)` for every item, so a project dataset's `get` runs in
 * the workers (old PyG's `InMemoryDataset` subclasses override it to augment).
 */
export const PYG_DATA_LOADERS: readonly string[] = [
  'torch_geometric.loader.DataLoader',
  'torch_geometric.loader.dataloader.DataLoader',
  'torch_geometric.loader.DataListLoader',
  'torch_geometric.loader.DenseDataLoader',
  // PyG < 2.0 spelled them under torch_geometric.data.
  'torch_geometric.data.DataLoader',
  'torch_geometric.data.dataloader.DataLoader',
  'torch_geometric.data.DataListLoader',
  'torch_geometric.data.DenseDataLoader',
];

export const PYG_DATASETS: readonly string[] = [
  'torch_geometric.data.Dataset',
  'torch_geometric.data.dataset.Dataset',
  'torch_geometric.data.InMemoryDataset',
  'torch_geometric.data.in_memory_dataset.InMemoryDataset',
];

/** The method the library's `__getitem__` calls on a subclass of one of `PYG_DATASETS`. */
export const PYG_ITEM_METHODS = { bases: new Set(PYG_DATASETS) as ReadonlySet<string>, methods: ['get'] as readonly string[] };

/** Methods of PyG's dataset bases that return a dataset of the receiver's own class (`dataset.shuffle()`; `dataset[perm]` is `index_select`). */
export const PYG_SELF_RETURNING_METHODS = { bases: new Set(PYG_DATASETS) as ReadonlySet<string>, methods: ['shuffle', 'index_select', 'copy'] as readonly string[] };
