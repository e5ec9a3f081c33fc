# Datasets picked by a config name from the module namespace: globals()[name]
# and getattr(sys.modules[__name__], name).
import sys

import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisySet(Dataset):
    def __init__(self, n):
        self.n = n
        self.rng = np.random.default_rng(0)

    def __len__(self):
        return self.n

    def __getitem__(self, index):
        return self.rng.normal()


class CleanSet(Dataset):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, index):
        return index


def build(cfg):
    return globals()[cfg["name"]](cfg["n"])


def build2(cfg):
    return getattr(sys.modules[__name__], cfg["name"])(cfg["n"])


loader = DataLoader(build({"name": "NoisySet", "n": 8}), num_workers=2)
loader2 = DataLoader(build2({"name": "NoisySet", "n": 8}), num_workers=2)
