# A callable object as the worker_init_fn: torch calls its `__call__` in each
# worker, and a configured seed plus the worker id repeats every epoch.
import random

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return np.random.rand(2) + random.random()


class WorkerInit:
    def __init__(self, seed):
        self.seed = seed

    def __call__(self, worker_id):
        np.random.seed(torch.initial_seed() % 2**32)
        random.seed(torch.initial_seed())


def make_loader(num_workers):
    return DataLoader(NoisyDataset(), batch_size=2, num_workers=num_workers, worker_init_fn=WorkerInit(seed=7))
