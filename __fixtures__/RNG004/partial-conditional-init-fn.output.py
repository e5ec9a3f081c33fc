# fixture: --torch-version 2.1
from functools import partial

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class CropDataset(Dataset):
    def __init__(self, images, crop=16):
        self.images = images
        self.crop = crop

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        image = self.images[index]
        top = np.random.randint(0, image.shape[-2] - self.crop + 1)
        left = np.random.randint(0, image.shape[-1] - self.crop + 1)
        return image[..., top:top + self.crop, left:left + self.crop]


def worker_init_fn(worker_id, num_workers, rank, seed):
    # num_workers * rank + worker_id + seed: distinct per worker and rank,
    # but identical in every epoch.
    worker_seed = torch.initial_seed() % 2**32
    np.random.seed(worker_seed)  # expect: RNG004
    torch.manual_seed(worker_seed)  # expect: RNG004


def build_dataloader(dataset, samples_per_gpu, workers_per_gpu, rank=0, seed=None):
    init_fn = partial(
        worker_init_fn, num_workers=workers_per_gpu, rank=rank,
        seed=seed) if seed is not None else None
    return DataLoader(
        dataset,
        batch_size=samples_per_gpu,
        num_workers=workers_per_gpu,
        worker_init_fn=init_fn,
    )


if __name__ == "__main__":
    images = torch.rand(32, 3, 64, 64)
    loader = build_dataloader(CropDataset(images), 4, 2, seed=1234)
    for batch in loader:
        pass
