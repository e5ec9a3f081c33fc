import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return np.random.rand()  # expect: RNG001

    def __len__(self):
        return 16


loader_options = {"batch_size": 4, "num_workers": 4}
loader = DataLoader(NoisyDataset(), **loader_options, worker_init_fn=seed_worker)
