# Datasets reached through functools.partial of the class, a classmethod
# constructor, random_split and Subset: each loader is linked to its dataset.
import functools

import numpy as np
from torch.utils.data import DataLoader, Dataset, Subset, random_split


class CropSet(Dataset):
    def __init__(self, root, split="train", seed=0):
        self.root = root
        self.rng = np.random.RandomState(seed)

    @classmethod
    def from_config(cls, cfg):
        return cls(**cfg)

    def __len__(self):
        return 10

    def __getitem__(self, index):
        return self.rng.randint(0, 10)


class PartialSet(CropSet):
    def __getitem__(self, index):
        return self.rng.randint(0, 20)


class SplitSet(CropSet):
    def __getitem__(self, index):
        return self.rng.randint(0, 30)


class SubsetSet(CropSet):
    def __getitem__(self, index):
        return self.rng.randint(0, 40)


factory = functools.partial(PartialSet, root="/data")
loader_a = DataLoader(factory(split="train"), num_workers=2)

loader_b = DataLoader(CropSet.from_config({"root": "/data"}), num_workers=2)

train, val = random_split(SplitSet("/x"), [5, 5])
loader_c = DataLoader(train, num_workers=2)
loader_d = DataLoader(Subset(SubsetSet("/y"), [1, 2]), num_workers=2)
