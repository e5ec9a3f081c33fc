import os
import random

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, dataloader

from .augmentations import MixUp, random_perspective


class _RepeatSampler:
    def __init__(self, sampler):
        self.sampler = sampler

    def __iter__(self):
        while True:
            yield from iter(self.sampler)


class InfiniteDataLoader(dataloader.DataLoader):
    """Dataloader that reuses workers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        object.__setattr__(self, "batch_sampler", _RepeatSampler(self.batch_sampler))
        self.iterator = super().__iter__()

    def __len__(self):
        return len(self.batch_sampler.sampler)

    def __iter__(self):
        for _ in range(len(self)):
            yield next(self.iterator)


def seed_worker(worker_id):
    worker_seed = torch.initial_seed() % 2**32
    np.random.seed(worker_seed)
    random.seed(worker_seed)


class LoadImagesAndLabels(Dataset):
    def __init__(self, images, labels, augment=True, mixup=0.1):
        self.images = images
        self.labels = labels
        self.augment = augment
        self.mixup_prob = mixup
        self.mixup = MixUp()

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        img, labels = self.images[index], self.labels[index]
        if self.augment:
            img, labels = random_perspective(img, labels)
            if random.random() < self.mixup_prob:
                j = random.randint(0, len(self.images) - 1)
                img, labels = self.mixup(img, labels, self.images[j], self.labels[j])
        return torch.from_numpy(img), torch.from_numpy(labels)

    @staticmethod
    def collate_fn(batch):
        imgs, labels = zip(*batch)
        return torch.stack(imgs, 0), list(labels)


def create_dataloader(images, labels, batch_size, workers=8, image_weights=False, seed=0):
    dataset = LoadImagesAndLabels(images, labels)
    nw = min([os.cpu_count(), batch_size if batch_size > 1 else 0, workers])
    loader = DataLoader if image_weights else InfiniteDataLoader
    generator = torch.Generator()
    generator.manual_seed(6148914691236517205 + seed)
    return loader(
        dataset,
        batch_size=batch_size,
        shuffle=True,
        num_workers=nw,
        collate_fn=LoadImagesAndLabels.collate_fn,
        worker_init_fn=seed_worker,
        generator=generator,
    ), dataset
