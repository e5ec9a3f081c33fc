# Loaders made over the views of a module-level dict of datasets:
# a comprehension over .items(), and a loop over .values().
import numpy as np
from torch.utils.data import DataLoader, Dataset


class Base(Dataset):
    def __init__(self, n):
        self.n = n
        self.rng = np.random.default_rng(0)

    def __len__(self):
        return self.n


class TrainSet(Base):
    def __getitem__(self, index):
        return self.rng.normal()


class ValSet(Base):
    def __getitem__(self, index):
        return self.rng.uniform()


class TestSet(Base):
    def __getitem__(self, index):
        return self.rng.integers(0, 3)


datasets = {"train": TrainSet(8), "val": ValSet(8)}
loaders = {split: DataLoader(ds, batch_size=2, num_workers=4) for split, ds in datasets.items()}

tests = {"small": TestSet(4), "large": TestSet(5)}
test_loaders = []
for ds in tests.values():
    test_loaders.append(DataLoader(ds, num_workers=2))
