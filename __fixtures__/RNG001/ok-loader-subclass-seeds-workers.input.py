import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def seed_worker(worker_id):
    np.random.seed(torch.initial_seed() % 2**32)


class SeededLoader(DataLoader):
    """Seeds NumPy in every worker, whoever builds it."""

    def __init__(self, dataset, **kwargs):
        super().__init__(dataset, worker_init_fn=seed_worker, **kwargs)


class Noisy(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return np.random.rand(2)


# The subclass passes its own worker_init_fn to torch's loader: adding one here would raise
# "got multiple values for keyword argument 'worker_init_fn'".
loader = SeededLoader(Noisy(), batch_size=2, num_workers=4)
