import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return torch.rand(1)


def worker_init_fn(worker_id):
    np.random.seed(42 + worker_id)


loader = DataLoader(NoisyDataset(), num_workers=2)
