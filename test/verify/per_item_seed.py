"""Per-item seeding from (seed, epoch, index): every item draws numbers of its own, new each epoch."""
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class SeededDataset(Dataset):
    def __init__(self, seed):
        self.seed = seed
        self.epoch = 0

    def __len__(self):
        return 16

    def __getitem__(self, index):
        np.random.seed(hash((self.seed, self.epoch, index)) % 2**32)
        return torch.tensor([np.random.rand()])


if __name__ == "__main__":
    dataset = SeededDataset(7)
    loader = DataLoader(dataset, batch_size=2, num_workers=4)
    for epoch in range(100):
        dataset.epoch = epoch
        for batch in loader:
            pass
