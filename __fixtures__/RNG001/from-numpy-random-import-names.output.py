import torch
import numpy as np
from numpy.random import choice, randint as draw_int
from torch.utils.data import DataLoader, Dataset


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


class PatchDataset(Dataset):
    def __getitem__(self, index):
        row = draw_int(0, 8)
        column = choice([0, 2, 4])
        return torch.tensor([row, column])

    def __len__(self):
        return 32


loader = DataLoader(PatchDataset(), num_workers=8, worker_init_fn=seed_worker)
