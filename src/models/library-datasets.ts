/**
 * Library datasets: classes a project builds with its own callables or with
 * augmentation objects (`ImageFolder(root, transform=MyAugment())`,
 * `CacheDataset(data, transform=Compose([RandSpatialCropd(...)]))`,
 * `load_dataset(...).with_transform(augment)`), which call them for every item,
 * in the worker that loads it. For each: which calls make one, which of their
 * arguments (or which methods' arguments) they call per item, and under which
 * attribute they keep them (for a `worker_init_fn` to reach through
 * `get_worker_info().dataset`).
 */

export interface CalledArgument {
  keyword: string;
  /** Its position in the constructor, or null when it is taken by keyword only. */
  position: number | null;
  /** The attribute the dataset keeps it under, or null when that is not known. */
  attribute: string | null;
}

export interface LibraryDatasetModel {
  library: string;
  /** Matches the qualified name of the call that makes the dataset (without `()`). */
  constructs: RegExp;
  /** The arguments it calls per item; `all`: any object it is given may be called (torchvision). */
  calls: 'all' | readonly CalledArgument[];
  /** Methods of a made dataset that install a callable it then calls per item (`ds.set_transform(f)`), by name, with the argument. */
  installs: Readonly<Record<string, CalledArgument>>;
}

const TRANSFORM_AT_1: CalledArgument = { keyword: 'transform', position: 1, attribute: 'transform' };

export const LIBRARY_DATASETS: readonly LibraryDatasetModel[] = [
  {
    library: 'torchvision',
    constructs: /^torchvision\.datasets\.[\w.]+$/,
    calls: 'all',
    installs: {},
  },
  {
    library: 'MONAI',
    // Dataset, CacheDataset, PersistentDataset, SmartCacheDataset, LMDBDataset, CacheNTransDataset, IterableDataset, ...: `(data, transform)`.
    constructs: /^monai\.data(\.[\w]+)?\.(Dataset|CacheDataset|PersistentDataset|SmartCacheDataset|LMDBDataset|CacheNTransDataset|IterableDataset|ShuffleBuffer|PersistentStagedDataset|GDSDataset)$/,
    calls: [TRANSFORM_AT_1],
    installs: {},
  },
  {
    library: 'MONAI',
    constructs: /^monai\.data(\.[\w]+)?\.ArrayDataset$/,
    calls: [
      { keyword: 'img_transform', position: 1, attribute: null },
      { keyword: 'seg_transform', position: 3, attribute: null },
      { keyword: 'label_transform', position: 5, attribute: null },
    ],
    installs: {},
  },
  {
    library: 'MONAI',
    constructs: /^monai\.data(\.[\w]+)?\.(ZipDataset|GridPatchDataset|PatchDataset)$/,
    calls: [{ keyword: 'transform', position: null, attribute: null }],
    installs: {},
  },
  {
    library: 'MONAI',
    constructs: /^monai\.apps(\.[\w]+)?\.(DecathlonDataset|MedNISTDataset|TciaDataset|CrossValidation)$/,
    calls: [{ keyword: 'transform', position: null, attribute: null }],
    installs: {},
  },
  {
    library: 'timm',
    constructs: /^timm\.data(\.[\w]+)?\.(ImageDataset|IterableImageDataset|AugMixDataset)$/,
    calls: [{ keyword: 'transform', position: null, attribute: 'transform' }],
    installs: {},
  },
  {
    library: 'Hugging Face datasets',
    // `load_dataset(...)`, a split of it (`[...]`), and what dataset methods return (`.shuffle()`, `.with_transform(f)`).
    constructs: /^datasets\.(load_dataset|load_from_disk|concatenate_datasets|interleave_datasets|Dataset|IterableDataset|DatasetDict|Dataset\.from_\w+|IterableDataset\.from_\w+)$/,
    calls: [],
    installs: {
      set_transform: { keyword: 'transform', position: 0, attribute: null },
      with_transform: { keyword: 'transform', position: 0, attribute: null },
    },
  },
];

/** The model of a made dataset, by the qualified name of the call that made it (`monai.data.CacheDataset()`, `datasets.load_dataset()[].with_transform()`). */
export function libraryDatasetModel(madeQname: string): LibraryDatasetModel | null {
  const root = /^([\w.]+)\(\)/.exec(madeQname)?.[1];
  return root ? (LIBRARY_DATASETS.find((model) => model.constructs.test(root)) ?? null) : null;
}

/**
 * Library base classes that keep constructor arguments as attributes: a
 * project subclass (`class CIFAR10SSL(datasets.CIFAR10)`) that hands them on
 * with `super().__init__(root, transform=transform)`, or is built with them
 * directly (`MyFolder(root, transform=t)`), has them as `self.transform`.
 * Positions count the constructor's parameters after `self`.
 */
export interface LibraryBaseModel {
  base: RegExp;
  attributes: readonly CalledArgument[];
}

export const LIBRARY_BASE_ATTRIBUTES: readonly LibraryBaseModel[] = [
  {
    // `(root, transform=None, target_transform=None, ...)` for the folder datasets; keywords only for the others.
    base: /^torchvision\.datasets(\.folder)?\.(ImageFolder)$/,
    attributes: [
      { keyword: 'transform', position: 1, attribute: 'transform' },
      { keyword: 'target_transform', position: 2, attribute: 'target_transform' },
    ],
  },
  {
    base: /^torchvision\.datasets(\.[\w]+)?\.[A-Z]\w*$/,
    attributes: [
      { keyword: 'transform', position: null, attribute: 'transform' },
      { keyword: 'target_transform', position: null, attribute: 'target_transform' },
      { keyword: 'transforms', position: null, attribute: 'transforms' },
    ],
  },
  {
    base: /^monai\.data(\.[\w]+)?\.\w*Dataset$/,
    attributes: [{ keyword: 'transform', position: 1, attribute: 'transform' }],
  },
];

/** The constructor argument a library base keeps under `attribute`, for the first base model that matches. */
export function libraryBaseArgument(baseQname: string, attribute: string): CalledArgument | null {
  for (const model of LIBRARY_BASE_ATTRIBUTES) {
    if (!model.base.test(baseQname)) continue;
    const found = model.attributes.find((candidate) => candidate.attribute === attribute);
    if (found) return found;
  }
  return null;
}
