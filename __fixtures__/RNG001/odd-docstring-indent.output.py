"""Noisy images for the denoiser.

   The docstring's continuation lines are indented by three spaces, and so is
   one continuation line below: neither is the file's indentation unit.
"""
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


class NoisyDataset(Dataset):
    """A dataset whose items are pure noise.

      Two spaces here, too.
    """

    def __getitem__(self, index):
        scale = (1.0 +
           index)
        return float(np.random.rand()) * scale

    def __len__(self):
        return 16


loader = DataLoader(NoisyDataset(), num_workers=2, worker_init_fn=seed_worker)
