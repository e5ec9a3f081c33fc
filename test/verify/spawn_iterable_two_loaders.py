"""Two loaders started with spawn: an IterableDataset sharing a random.Random, and a correct one."""
import random

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, IterableDataset


class Stream(IterableDataset):
    def __init__(self):
        self.picker = random.Random(3)

    def __iter__(self):
        for _ in range(8):
            yield torch.tensor([self.picker.random()])


class Clean(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return torch.tensor([torch.rand(1).item()])


if __name__ == "__main__":
    stream = DataLoader(Stream(), batch_size=2, num_workers=2, multiprocessing_context="spawn")
    clean = DataLoader(Clean(), batch_size=2, num_workers=2, multiprocessing_context="forkserver")
    for epoch in range(100):
        for batch in stream:
            pass
        for batch in clean:
            pass
