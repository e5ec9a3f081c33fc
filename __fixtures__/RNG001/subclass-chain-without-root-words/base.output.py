import numpy as np
from torch.utils.data import Dataset, get_worker_info


_numpy_worker_seed = None


def _seed_numpy_for_worker():
    # DataLoader workers start with identical copies of NumPy's global RNG;
    # reseed it once per worker from torch's per-worker seed.
    global _numpy_worker_seed
    worker = get_worker_info()
    if worker is not None and _numpy_worker_seed != worker.seed:
        _numpy_worker_seed = worker.seed
        np.random.seed(worker.seed % 2**32)


class Base(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, index):
        _seed_numpy_for_worker()
        return self.augment(index)

    def augment(self, value):
        return value
