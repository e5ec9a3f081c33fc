import random

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info


class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return np.random.rand() + random.random()

    def __len__(self):
        return 4


def seed_worker(worker_id):
    worker_seed = torch.initial_seed() % 2**32
    np.random.seed(worker_seed)
    random.seed(worker_seed)


def seed_from_info(_):
    np.random.seed(get_worker_info().seed % 2**32)


documented = DataLoader(NoisyDataset(), num_workers=2, worker_init_fn=seed_worker)
from_info = DataLoader(NoisyDataset(), num_workers=2, worker_init_fn=seed_from_info)
