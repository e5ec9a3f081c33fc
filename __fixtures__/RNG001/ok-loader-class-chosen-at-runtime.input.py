import random

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class _RepeatSampler:
    def __init__(self, sampler):
        self.sampler = sampler

    def __iter__(self):
        while True:
            yield from iter(self.sampler)


class InfiniteDataLoader(DataLoader):
    """Reuses its workers across epochs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        object.__setattr__(self, "batch_sampler", _RepeatSampler(self.batch_sampler))
        self.iterator = super().__iter__()

    def __len__(self):
        return len(self.batch_sampler.sampler)

    def __iter__(self):
        for _ in range(len(self)):
            yield next(self.iterator)


class MosaicDataset(Dataset):
    def __init__(self, images):
        self.images = images

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        others = np.random.randint(0, len(self.images), size=3)
        scale = random.uniform(0.5, 1.5)
        return self.images[index] * scale, others


def seed_worker(worker_id):
    worker_seed = torch.initial_seed() % 2**32
    np.random.seed(worker_seed)
    random.seed(worker_seed)


def create_dataloader(images, batch_size, workers, image_weights=False, seed=0):
    loader = DataLoader if image_weights else InfiniteDataLoader
    generator = torch.Generator()
    generator.manual_seed(seed)
    return loader(
        MosaicDataset(images),
        batch_size=batch_size,
        shuffle=True,
        num_workers=workers,
        worker_init_fn=seed_worker,
        generator=generator,
    )


if __name__ == "__main__":
    for batch in create_dataloader(torch.rand(32, 3, 8, 8), 4, 4):
        break
