import os
import random
import time

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info


class NoisyDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return torch.rand(1)


def from_initial_seed(worker_id):
    seed = torch.initial_seed() % 2**32
    np.random.seed(seed)
    random.seed(seed)


def from_worker_info(worker_id):
    info = get_worker_info()
    np.random.seed(info.seed % 2**32)


def from_entropy(worker_id):
    np.random.seed()
    random.seed(os.getpid() + int(time.time()))


a = DataLoader(NoisyDataset(), num_workers=2, worker_init_fn=from_initial_seed)
b = DataLoader(NoisyDataset(), num_workers=2, worker_init_fn=from_worker_info)
c = DataLoader(NoisyDataset(), num_workers=2, worker_init_fn=from_entropy)
