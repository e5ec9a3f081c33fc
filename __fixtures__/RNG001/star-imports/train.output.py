import numpy as np
import torch
from torch.utils.data import DataLoader

from datasets.noisy import *


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


loader = DataLoader(NoisyDataset(list(range(16))), batch_size=4, num_workers=4, worker_init_fn=seed_worker)
