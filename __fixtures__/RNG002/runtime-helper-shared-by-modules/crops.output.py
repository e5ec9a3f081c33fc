# fixture: --strategy per-worker-rng
import random

import numpy as np
from torch.utils.data import Dataset

from _worker_rng import reseed_for_worker, seed_numpy_for_worker


class CropDataset(Dataset):
    def __init__(self):
        self.picker = random.Random(2)

    def __len__(self):
        return 8

    def __getitem__(self, index):
        seed_numpy_for_worker()
        return np.array([reseed_for_worker(self.picker).random(), np.random.rand()])  # expect: RNG001 # expect: RNG002
