/**
 * What rng-fix knows about libraries, in one place: tables, not code paths.
 * The rules and the value flow read these; adding a library means adding rows
 * here (and a fixture). One file per library:
 *
 * - torch.ts: loaders, dataset classes, `get_worker_info`, torch's RNG and seeding, torchvision datasets
 * - numpy.ts, python.ts: global RNGs, RNG objects, seeding, entropy, the clock
 * - keras.ts: `Sequence` / `PyDataset` and the calls that run them in processes
 * - monai.ts, lightning.ts: loaders and seeding that reseed workers themselves
 * - mmcv.ts: mmcv's re-exports of torch's loader
 * - pyg.ts: PyTorch Geometric's loaders and datasets (a dataset's `get` runs per item)
 * - sklearn.ts: `check_random_state`
 * - megatron.ts: Megatron-Core's datasets (a GPT dataset's sample query runs per item)
 * - augmentation.ts: albumentations, imgaug, MONAI transforms: objects with an RNG of their own
 * - library-datasets.ts: datasets that call what they are built with (torchvision, MONAI, Hugging Face datasets)
 */
import { NUMPY_RNG_CONSTRUCTORS, NUMPY_SEED_FUNCTIONS } from './numpy.js';
import { PYTHON_FRESH_CALLS, PYTHON_RNG_CONSTRUCTORS, PYTHON_SEED_FUNCTIONS } from './python.js';
import { MEGATRON_ITEM_METHODS } from './megatron.js';
import { SKLEARN_RNG_CONSTRUCTORS } from './sklearn.js';
import { PYG_ITEM_METHODS, PYG_SELF_RETURNING_METHODS } from './pyg.js';
import { TORCH_FRESH_CALLS, TORCH_RNG_CONSTRUCTORS, TORCH_SEED_FUNCTIONS } from './torch.js';

export type RngKind = 'numpy-generator' | 'numpy-random-state' | 'python-random' | 'torch-generator';
export type SeededRng = 'numpy' | 'python' | 'torch';

/** Constructors of RNG objects, mapped to the kind of object they make. */
export const RNG_CONSTRUCTORS: Readonly<Record<string, RngKind>> = { ...NUMPY_RNG_CONSTRUCTORS, ...PYTHON_RNG_CONSTRUCTORS, ...TORCH_RNG_CONSTRUCTORS, ...SKLEARN_RNG_CONSTRUCTORS };

/** Calls that seed a global RNG, and which one. */
export const SEED_FUNCTIONS: Readonly<Record<string, SeededRng>> = { ...NUMPY_SEED_FUNCTIONS, ...PYTHON_SEED_FUNCTIONS, ...TORCH_SEED_FUNCTIONS };

/** Calls whose value is new in every worker and epoch: a seed made with one is fresh. */
export const FRESH_CALLS: ReadonlySet<string> = new Set([...TORCH_FRESH_CALLS, ...PYTHON_FRESH_CALLS]);

/**
 * Libraries whose behaviour the rules know by name. A copy of one inside the
 * scanned tree (a vendored torch, the benchmark corpus) is still that library,
 * not project code to follow.
 */
export const KNOWN_LIBRARIES: ReadonlySet<string> = new Set(['numpy', 'torch', 'torchvision', 'keras', 'tensorflow', 'tf_keras', 'random', 'os', 'multiprocessing', 'time', 'secrets', 'uuid']);

/** Library base classes whose methods return an object of the receiver's own class: the value flow keeps the receiver's instances through them. */
export const SELF_RETURNING_LIBRARY_METHODS: readonly { bases: ReadonlySet<string>; methods: readonly string[] }[] = [PYG_SELF_RETURNING_METHODS];

/**
 * Library dataset bases whose own `__getitem__` calls these methods of a
 * subclass for every item: when the subclass does not define `__getitem__`,
 * they are where its workers' code starts.
 */
export const LIBRARY_DATASET_ITEM_METHODS: readonly { bases: ReadonlySet<string>; methods: readonly string[] }[] = [PYG_ITEM_METHODS, MEGATRON_ITEM_METHODS];
