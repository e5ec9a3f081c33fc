import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


class NoisyDataset(Dataset):
    def __init__(self, size):
        self.size = size

    def __len__(self):
        return self.size

    def __getitem__(self, index):
        noise = np.random.normal(0.0, 1.0, size=3)
        return index + noise


loader = DataLoader(NoisyDataset(64), batch_size=8, num_workers=4, worker_init_fn=seed_worker)
