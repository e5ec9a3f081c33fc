import numpy as np
from torch.utils.data import DataLoader, Dataset

try:
    from memmap_datasets import MemmapDataset
except ModuleNotFoundError:
    from abc import ABC as MemmapDataset


def mask_tokens(tokens, np_rng):
    # Every caller passes an RNG it made for this item.
    return [token if np_rng.rand() > 0.15 else 0 for token in tokens]


class MaskedDataset(Dataset):
    def __init__(self, items, seed=1234):
        self.items = items
        self.seed = seed

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        np_rng = np.random.RandomState(seed=self.seed + idx)
        return mask_tokens(self.items[idx], np_rng)


class CrossLingualDataset(MemmapDataset):
    """Its dataset base is not in the scanned code; its __getitem__ still runs per item."""

    def __getitem__(self, idx):
        np_rng = np.random.RandomState(seed=(self.seed + idx))
        return mask_tokens(self.items[idx], np_rng)


loader = DataLoader(MaskedDataset([[1, 2, 3]] * 8), num_workers=4)
