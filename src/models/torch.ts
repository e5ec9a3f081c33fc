/**
 * PyTorch and torchvision, as data: the loader and dataset classes, where a
 * `DataLoader` takes its arguments, how worker code asks which worker it is,
 * torch's RNG objects and seeding calls, and the library datasets that call
 * what they are built with for every item.
 */

import { MMCV_TORCH_DATA_LOADERS } from './mmcv.js';
import { MEGATRON_DATASETS } from './megatron.js';
import { PYG_DATA_LOADERS, PYG_DATASETS } from './pyg.js';

/** torch's `DataLoader`, by the names it is imported under: torch's own, libraries' re-exports of the same class (mmcv's), and library subclasses that keep its worker arguments (PyG's). */
export const DATA_LOADERS: ReadonlySet<string> = new Set(['torch.utils.data.DataLoader', 'torch.utils.data.dataloader.DataLoader', ...MMCV_TORCH_DATA_LOADERS, ...PYG_DATA_LOADERS]);

/** Methods a DataLoader worker calls on a torch dataset. */
export const TORCH_ENTRY_METHODS: readonly string[] = ['__getitem__', '__getitems__', '__iter__', '__next__'];

/** Dataset classes a project dataset derives from: their subclasses' `__getitem__` / `__iter__` run in the workers. */
/** The dataset classes of torchvision 0.28 (`torchvision.datasets.__all__`): a project class deriving from one runs its `__getitem__` in the workers. */
const TORCHVISION_DATASET_CLASSES = [
  'LSUN', 'LSUNClass', 'ImageFolder', 'DatasetFolder', 'FakeData', 'CocoCaptions', 'CocoDetection', 'CIFAR10',
  'CIFAR100', 'EMNIST', 'FashionMNIST', 'QMNIST', 'MNIST', 'KMNIST', 'MovingMNIST', 'StanfordCars', 'STL10',
  'SUN397', 'SVHN', 'PhotoTour', 'SEMEION', 'Omniglot', 'SBU', 'Flickr8k', 'Flickr30k', 'Flowers102',
  'VOCSegmentation', 'VOCDetection', 'Cityscapes', 'ImageNet', 'Caltech101', 'Caltech256', 'CelebA', 'WIDERFace',
  'SBDataset', 'VisionDataset', 'USPS', 'Kinetics', 'HMDB51', 'UCF101', 'Places365', 'Kitti', 'INaturalist',
  'LFWPeople', 'LFWPairs', 'KittiFlow', 'Sintel', 'FlyingChairs', 'FlyingThings3D', 'HD1K', 'Food101', 'DTD',
  'FER2013', 'GTSRB', 'CLEVRClassification', 'OxfordIIITPet', 'PCAM', 'Country211', 'FGVCAircraft', 'EuroSAT',
  'RenderedSST2', 'Kitti2012Stereo', 'Kitti2015Stereo', 'CarlaStereo', 'Middlebury2014Stereo', 'CREStereo',
  'FallingThingsStereo', 'SceneFlowStereo', 'SintelStereo', 'InStereo2k', 'ETH3DStereo', 'Imagenette',
];

export const TORCH_DATASETS: ReadonlySet<string> = new Set([
  'torch.utils.data.Dataset',
  'torch.utils.data.dataset.Dataset',
  'torch.utils.data.IterableDataset',
  'torch.utils.data.dataset.IterableDataset',
  'torchvision.datasets.vision.VisionDataset',
  'torchvision.datasets.folder.DatasetFolder',
  'torchvision.datasets.folder.ImageFolder',
  ...TORCHVISION_DATASET_CLASSES.map((name) => `torchvision.datasets.${name}`),
  ...PYG_DATASETS,
  ...MEGATRON_DATASETS,
]);

/** Calls that split a dataset into a list of views of it (each a `Subset` that reads the dataset's `__getitem__` in the workers). */
export const DATASET_SPLITTERS: ReadonlySet<string> = new Set(['torch.utils.data.random_split', 'torch.utils.data.dataset.random_split']);

/** Where torch's `DataLoader(dataset, batch_size, shuffle, sampler, batch_sampler, num_workers, collate_fn, ..., worker_init_fn)` takes these by position. */
export const DATA_LOADER_POSITIONS = { dataset: 0, num_workers: 5, collate_fn: 6, worker_init_fn: 10 } as const;

/** `get_worker_info()`: which worker the code runs in (`.id`, `.seed`, `.dataset`), or None in the main process. */
export const WORKER_INFO_CALLS: ReadonlySet<string> = new Set(['torch.utils.data.get_worker_info', 'torch.utils.data._utils.worker.get_worker_info']);

/** What `get_worker_info().dataset` is named as a value made by a library call. */
export const WORKER_DATASET = /^torch\.utils\.data(\._utils\.worker)?\.get_worker_info\(\)\.dataset(\.|$)/;

export const TORCH_RNG_CONSTRUCTORS = { 'torch.Generator': 'torch-generator', 'torch._C.Generator': 'torch-generator' } as const;

export const TORCH_SEED_FUNCTIONS = { 'torch.manual_seed': 'torch', 'torch.random.manual_seed': 'torch' } as const;

/** Calls whose value is new in every worker and epoch: torch's per-worker seed, and draws from torch's RNG (which torch seeds per worker). */
export const TORCH_FRESH_CALLS: readonly string[] = ['torch.initial_seed', 'torch.random.initial_seed', 'torch.seed', 'torch.randint', 'torch.empty'];

/**
 * Library datasets built with project objects that they call for every item
 * (`ImageFolder(root, transform=MyAugment())`): every argument a torchvision
 * dataset is given may be such an object.
 */
export const TORCHVISION_DATASETS = /^torchvision\.datasets\.[\w.]+$/;
