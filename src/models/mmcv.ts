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
