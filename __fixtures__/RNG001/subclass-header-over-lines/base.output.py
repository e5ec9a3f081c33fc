import numpy as np
import sys

from torch.utils.data import Dataset, get_worker_info


# Shared by the helpers of every module: each RNG is reseeded once per worker.
_worker_rng_seeds = vars(sys).setdefault("_rng_fix_worker_seeds", {})


def _seed_numpy_for_worker():
    # DataLoader workers start with identical copies of NumPy's global RNG;
    # reseed it once per worker from torch's per-worker seed.
    worker = get_worker_info()
    if worker is not None and _worker_rng_seeds.get("numpy") != worker.seed:
        _worker_rng_seeds["numpy"] = worker.seed
        np.random.seed(worker.seed % 2**32)


class Base(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return self.augment(index)

    def augment(self, value):
        return value
