from dataclasses import dataclass, field

import numpy as np
from torch.utils.data import DataLoader, Dataset


@dataclass
class Jitter:
    scale: float = 0.1
    # Each Jitter() gets a Generator from the factory, made where the Jitter is made: in the parent.
    rng: np.random.Generator = field(default_factory=lambda: np.random.default_rng(0))

    def __call__(self, values):
        return values + self.scale * self.rng.random(2)  # expect: RNG002


class JitteredPoints(Dataset):
    def __init__(self):
        self.jitter = Jitter()

    def __len__(self):
        return 16

    def __getitem__(self, index):
        return self.jitter(np.full(2, float(index)))


def make_loader(num_workers):
    return DataLoader(JitteredPoints(), batch_size=2, num_workers=num_workers)
