import random

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def jitter(values, rng):
    # The RNG object is passed in as an argument and drawn from here.
    return values + rng.uniform(-1, 1)  # expect: RNG002


class CallFormsDataset(Dataset):
    def __init__(self):
        self.noise = np.random.default_rng(1)
        self.picker = random.Random(2)
        self.generator = torch.Generator().manual_seed(3)
        self.states = [np.random.RandomState(4), np.random.RandomState(5)]

    def __len__(self):
        return 16

    def __getitem__(self, index):
        values = self.noise.normal(size=2)  # expect: RNG002
        values = jitter(values, self.picker)
        values = values + torch.rand(2, generator=self.generator).numpy()  # expect: RNG002
        values = values + self.states[index % 2].rand(2)  # expect: RNG002
        return values


def make_loader(num_workers):
    return DataLoader(CallFormsDataset(), batch_size=2, num_workers=num_workers)
