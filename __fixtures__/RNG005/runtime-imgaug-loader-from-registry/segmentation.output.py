import sys

import imgaug.augmenters as iaa
import numpy as np
import torch
from torch.utils.data import Dataset, get_worker_info


# Shared by the helpers of every module: each RNG is reseeded once per worker.
_worker_rng_seeds = vars(sys).setdefault("_rng_fix_worker_seeds", {})


def _reseed_imgaug_for_worker(pipeline):
    # Augmentation pipelines hold their own RNG, copied unchanged into every
    # DataLoader worker; reseed each copy once per worker from torch's per-worker seed.
    worker = get_worker_info()
    if worker is not None and _worker_rng_seeds.get(id(pipeline)) != worker.seed:
        _worker_rng_seeds[id(pipeline)] = worker.seed
        pipeline.seed_(hash((worker.seed, len(_worker_rng_seeds))) % 2**32)
    return pipeline


class SegmentationDataset(Dataset):
    def __init__(self, images, masks):
        self.images = images
        self.masks = masks
        self.augs = iaa.Sequential([
            iaa.Fliplr(0.5),
            iaa.Affine(rotate=(-10, 10)),
            iaa.AdditiveGaussianNoise(scale=(0, 10)),
        ])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        # One deterministic copy per item, so that image and mask get the same geometry.
        det = _reseed_imgaug_for_worker(self.augs).to_deterministic()  # expect: RNG005
        image = det.augment_image(self.images[index])
        mask = det.augment_image(self.masks[index])
        return torch.from_numpy(np.concatenate([image, mask], axis=-1).astype(np.float32))
