import contextlib

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info


@contextlib.contextmanager
def temp_seed(rng, seed):
    if seed is None:
        yield
        return
    state = rng.get_state()
    rng.seed(seed)
    try:
        yield
    finally:
        rng.set_state(state)


class RandomLineMask:
    def __init__(self, center_fraction, acceleration):
        self.center_fraction = center_fraction
        self.acceleration = acceleration
        self.rng = np.random.RandomState()

    def __call__(self, num_cols, seed=None):
        with temp_seed(self.rng, seed):
            prob = (1 / self.acceleration - self.center_fraction) / (1 - self.center_fraction)
            return self.rng.uniform(size=num_cols) < prob


class KspaceTransform:
    def __init__(self, mask_func=None):
        self.mask_func = mask_func

    def __call__(self, kspace):
        if self.mask_func is None:
            return kspace
        return kspace * self.mask_func(kspace.shape[-1])


class SliceDataset(Dataset):
    def __init__(self, slices, transform):
        self.slices = slices
        self.transform = transform

    def __len__(self):
        return len(self.slices)

    def __getitem__(self, index):
        return self.transform(self.slices[index])


def worker_init_fn(worker_id):
    """Reseed the mask function's RandomState in every worker, every epoch."""
    worker_info = get_worker_info()
    data = worker_info.dataset
    seed = worker_info.seed % (2**32 - 1)
    if data.transform.mask_func is not None:
        data.transform.mask_func.rng.seed(seed)


if __name__ == "__main__":
    transform = KspaceTransform(RandomLineMask(0.08, 4))
    dataset = SliceDataset(torch.rand(16, 32, 32), transform)
    loader = DataLoader(dataset, batch_size=4, num_workers=4, worker_init_fn=worker_init_fn)
    for batch in loader:
        pass
