import sys

import albumentations as A
import numpy as np
from torch.utils.data import DataLoader, Dataset, Subset, get_worker_info


# Shared by the helpers of every module: each RNG is reseeded once per worker.
_worker_rng_seeds = vars(sys).setdefault("_rng_fix_worker_seeds", {})


def _reseed_albumentations_for_worker(pipeline):
    # Augmentation pipelines hold their own RNG, copied unchanged into every
    # DataLoader worker; reseed each copy once per worker from torch's per-worker seed.
    worker = get_worker_info()
    if worker is not None and _worker_rng_seeds.get(id(pipeline)) != worker.seed:
        _worker_rng_seeds[id(pipeline)] = worker.seed
        pipeline.set_random_seed(hash((worker.seed, len(_worker_rng_seeds))) % 2**32)
    return pipeline


class ImageDataset(Dataset):
    def __init__(self, images):
        self.images = images
        self.transform = A.Compose([A.HorizontalFlip(), A.RandomBrightnessContrast(p=1.0)])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return _reseed_albumentations_for_worker(self.transform)(image=self.images[index])["image"]  # expect: RNG005


def make_loader(num_workers):
    images = [np.linspace(0, 1, 48, dtype=np.float32).reshape(4, 4, 3) for _ in range(20)]
    # The loader reads a Subset: get_worker_info().dataset is the Subset, which has no `transform`.
    return DataLoader(Subset(ImageDataset(images), list(range(16))), batch_size=2, num_workers=num_workers)
