"""Eighteen datasets share one noise function; the loaders are built elsewhere."""
import sys

import numpy as np
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


def noise():
    return np.random.rand()


class Noisy01(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 1


class Noisy02(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 2


class Noisy03(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 3


class Noisy04(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 4


class Noisy05(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 5


class Noisy06(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 6


class Noisy07(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 7


class Noisy08(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 8


class Noisy09(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 9


class Noisy10(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 10


class Noisy11(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 11


class Noisy12(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 12


class Noisy13(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 13


class Noisy14(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 14


class Noisy15(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 15


class Noisy16(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 16


class Noisy17(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 17


class Noisy18(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return noise() + 18
