# fixture: --strategy per-worker-rng
import sys

import albumentations as A
import numpy as np
from torch.utils.data import DataLoader, Dataset, get_worker_info


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


def augment(transform, image):
    # The pipeline is passed in as an argument and called here.
    return _reseed_albumentations_for_worker(transform)(image=image)["image"]  # expect: RNG005


class ImageDataset(Dataset):
    def __init__(self, images):
        self.images = images
        self.pipeline = A.Compose([A.RandomBrightnessContrast(p=1.0)])
        self.steps = [A.HorizontalFlip(p=0.5), A.GaussNoise(std_range=(0.1, 0.2), p=1.0)]

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        image = augment(self.pipeline, self.images[index])
        for step in self.steps:
            image = _reseed_albumentations_for_worker(step)(image=image)["image"]  # expect: RNG005
        return image


def make_loader(num_workers):
    images = [np.linspace(0, 1, 48, dtype=np.float32).reshape(4, 4, 3) for _ in range(16)]
    return DataLoader(ImageDataset(images), batch_size=2, num_workers=num_workers)
