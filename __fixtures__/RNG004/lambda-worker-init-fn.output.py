# fixture: --torch-version 2.0
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return np.random.rand()


loader = DataLoader(NoisyDataset(), num_workers=2, worker_init_fn=lambda wid: np.random.seed(torch.initial_seed() % 2**32))
