# fixture: --torch-version 2.1
import time

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class NoisySignals(Dataset):
    def __init__(self, length=128):
        self.length = length

    def __len__(self):
        return 100

    def __getitem__(self, index):
        return np.sin(np.arange(self.length) * 0.1) + np.random.normal(0, 0.1, self.length)


def clock_seed(worker_id):
    # Workers start within the same second: they all get the same seed.
    np.random.seed(torch.initial_seed() % 2**32)  # expect: RNG004


def clock_plus_id_seed(worker_id):
    np.random.seed(torch.initial_seed() % 2**32)  # expect: RNG004


train_loader = DataLoader(NoisySignals(), batch_size=10, num_workers=4, worker_init_fn=clock_seed)
val_loader = DataLoader(NoisySignals(), batch_size=10, num_workers=2, worker_init_fn=clock_plus_id_seed)
