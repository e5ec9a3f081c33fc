/**
 * mmcv 1.x, as data. `mmcv.utils.parrots_wrapper` hands out torch's loader
 * under its own names when the framework is PyTorch (the only one rng-fix
 * follows): `DataLoader` and `PoolDataLoader` are both
 * `torch.utils.data.DataLoader`, with torch's defaults and worker processes.
 * mm* projects of that era (mmseg, mmdet 2, mmpose, SegFormer) import them
 * from there in their `build_dataloader`.
 */
export const MMCV_TORCH_DATA_LOADERS: readonly string[] = [
  'mmcv.utils.parrots_wrapper.DataLoader',
  'mmcv.utils.parrots_wrapper.PoolDataLoader',
  'mmcv.utils.DataLoader',
  'mmcv.utils.PoolDataLoader',
];

/**
 * OpenMMLab's `worker_init_fn`s, handed to torch's loader as
 * `partial(worker_init_fn, num_workers=..., rank=rank, seed=seed)`: each seeds
 * NumPy's and Python's global RNGs (and, in MMEngine and later mm* 2.x
 * releases, torch's) with `num_workers * rank + worker_id + seed`, which is
 * the same in every epoch. MMEngine renamed it `default_worker_init_fn` (0.8).
 */
export const OPENMMLAB_REPEATING_WORKER_INIT_FNS: ReadonlySet<string> = new Set([
  'mmengine.dataset.worker_init_fn',
  'mmengine.dataset.utils.worker_init_fn',
  'mmengine.dataset.default_worker_init_fn',
  'mmengine.dataset.utils.default_worker_init_fn',
  'mmdet.datasets.builder.worker_init_fn',
  'mmseg.datasets.builder.worker_init_fn',
  'mmcls.datasets.builder.worker_init_fn',
  'mmpose.datasets.builder.worker_init_fn',
  'mmdet3d.datasets.builder.worker_init_fn',
  'mmocr.datasets.builder.worker_init_fn',
]);
