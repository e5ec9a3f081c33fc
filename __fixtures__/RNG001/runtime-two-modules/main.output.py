# runtime: torch<1.9, distinct values
import sys

import numpy as np
from torch.utils.data import DataLoader, Dataset, get_worker_info

from clips import ClipDataset


# Shared by the helpers of every module: each RNG is reseeded once per worker.
_worker_rng_seeds = vars(sys).setdefault("_rng_fix_worker_seeds", {})


def _seed_numpy_for_worker():
    # DataLoader workers start with identical copies of NumPy's global RNG;
    # reseed it once per worker from torch's per-worker seed.
    worker = get_worker_info()
    if worker is not None and _worker_rng_seeds.get("numpy") != worker.seed:
        _worker_rng_seeds["numpy"] = worker.seed
        np.random.seed(worker.seed % 2**32)


class MixedDataset(Dataset):
    """Draws its own noise, then reads a clip: two modules draw from NumPy in one worker."""

    def __init__(self):
        self.clips = ClipDataset()

    def __len__(self):
        return len(self.clips)

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        noise = np.random.rand()  # expect: RNG001
        return np.array([noise, self.clips[index]])


def make_loader(num_workers):
    return DataLoader(MixedDataset(), batch_size=2, num_workers=num_workers)
