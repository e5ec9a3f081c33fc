import numpy as np
import torch
from torch.utils.data import DataLoader


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


class SeriesWindows:
    """No torch base: the DataLoader only needs __getitem__ and __len__."""

    def __init__(self, series, width=16):
        self.series = series
        self.width = width

    def __len__(self):
        return len(self.series) // self.width

    def __getitem__(self, index):
        start = np.random.randint(0, len(self.series) - self.width)  # expect: RNG001
        return self.series[start : start + self.width]


class Lookup:
    """Has a __getitem__ too, but no loader reads it: not worker code."""

    def __getitem__(self, key):
        return np.random.rand()


loader = DataLoader(SeriesWindows(list(range(1000))), batch_size=8, num_workers=4, worker_init_fn=seed_worker)
table = Lookup()
