"""Reads its dataset in the main process only: there is no worker to observe."""
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class Noisy(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, index):
        return torch.tensor([np.random.rand()])


if __name__ == "__main__":
    for batch in DataLoader(Noisy(), batch_size=2):
        pass
