# runtime: torch<1.9
import random

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return np.random.rand(2)


def init_worker(worker_id):
    random.seed(torch.initial_seed())


def make_loader(num_workers):
    return DataLoader(NoisyDataset(), batch_size=2, num_workers=num_workers, worker_init_fn=init_worker)
