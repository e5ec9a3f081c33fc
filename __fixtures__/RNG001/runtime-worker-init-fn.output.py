# runtime: torch<1.9
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


class NoisyDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return np.random.rand(2)


def make_loader(num_workers):
    return DataLoader(NoisyDataset(), batch_size=2, num_workers=num_workers, worker_init_fn=seed_worker)
