import random

import numpy as np
from torch.utils.data import DataLoader, Dataset

MODULE_RNG = random.Random(5)


class Jitter:
    def __init__(self):
        self.state = np.random.RandomState(2)

    def __call__(self, values):
        return values + self.state.rand(2)


class MixedDataset(Dataset):
    def __init__(self):
        self.generator = np.random.default_rng(1)
        self.jitter = Jitter()

    def __len__(self):
        return 16

    def __getitem__(self, index):
        values = self.generator.random(2) + MODULE_RNG.random()
        return self.jitter(values)


def make_loader(num_workers):
    return DataLoader(MixedDataset(), batch_size=2, num_workers=num_workers)
