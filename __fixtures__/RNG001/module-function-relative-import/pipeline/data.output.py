import numpy as np
import torch
from torch.utils.data import DataLoader, IterableDataset

from . import augment as aug


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


class StreamDataset(IterableDataset):
    def __init__(self, values):
        self.values = values

    def __iter__(self):
        for value in self.values:
            yield aug.augment(value)


def loader(values):
    return DataLoader(StreamDataset(values), num_workers=3, worker_init_fn=seed_worker)
