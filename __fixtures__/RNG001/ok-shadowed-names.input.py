import numpy as np
from torch.utils.data import DataLoader, Dataset


class FakeRandom:
    def rand(self):
        return 0.5


class ShadowDataset(Dataset):
    def __getitem__(self, index, np=None):
        # `np` here is a parameter, not NumPy.
        return np.random.rand() if np else index

    def other(self):
        np = FakeRandom()
        return np.random.rand()

    def __len__(self):
        return 4


def collate(batch):
    np = FakeRandom()
    return [np.rand() for _ in batch]


loader = DataLoader(ShadowDataset(), num_workers=2, collate_fn=collate)
