"""A dataset holding a NumPy Generator made in the parent: every worker draws the same numbers."""
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __init__(self):
        self.rng = np.random.default_rng(0)

    def __len__(self):
        return 16

    def __getitem__(self, index):
        return torch.tensor([index + self.rng.normal()])


if __name__ == "__main__":
    loader = DataLoader(NoisyDataset(), batch_size=2, num_workers=4)
    for epoch in range(100):
        for batch in loader:
            pass
