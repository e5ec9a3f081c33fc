# fixture: --strategy per-worker-rng
import random

import numpy as np
from torch.utils.data import Dataset


class CropDataset(Dataset):
    def __init__(self):
        self.picker = random.Random(2)

    def __len__(self):
        return 8

    def __getitem__(self, index):
        return np.array([self.picker.random(), np.random.rand()])  # expect: RNG001 # expect: RNG002
