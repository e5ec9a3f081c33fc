/**
 * MONAI, as data. Its transforms keep their own RNG (see augmentation.ts).
 * `monai.data.DataLoader` is torch's with `num_workers=0` by default and, when
 * given no `worker_init_fn`, MONAI's own one, which reseeds every
 * `Randomizable` reachable from the dataset object.
 */

export const MONAI_DATA_LOADERS: ReadonlySet<string> = new Set(['monai.data.DataLoader', 'monai.data.dataloader.DataLoader']);

export const MONAI_WORKER_INIT_FNS: ReadonlySet<string> = new Set(['monai.data.worker_init_fn', 'monai.data.utils.worker_init_fn']);

/** The import a fix adds to pass MONAI's `worker_init_fn`. */
export const MONAI_WORKER_INIT_FN = { module: 'monai.data', name: 'worker_init_fn' } as const;
