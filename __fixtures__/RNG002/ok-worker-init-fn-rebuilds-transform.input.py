import numpy as np
from torch.utils.data import DataLoader, Dataset, get_worker_info


class Jitter:
    def __init__(self, seed=0):
        self.rng = np.random.default_rng(seed)

    def __call__(self, x):
        return x + self.rng.normal()


def build_transform(seed=0):
    return Jitter(seed)


class Noisy(Dataset):
    def __init__(self):
        self.transform = build_transform()

    def __len__(self):
        return 8

    def __getitem__(self, i):
        return self.transform(float(i))


def worker_init_fn(worker_id):
    info = get_worker_info()
    # Rebuilds the transform in the worker, from the worker's own seed.
    info.dataset.transform = build_transform(info.seed)


loader = DataLoader(Noisy(), num_workers=4, worker_init_fn=worker_init_fn)
