import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def init_numpy(worker_id):
    np.random.seed(torch.initial_seed() % 2**32)


class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return np.random.rand()

    def __len__(self):
        return 16


train = DataLoader(NoisyDataset(), num_workers=2, worker_init_fn=init_numpy)
extra = DataLoader(NoisyDataset(), num_workers=2, worker_init_fn=init_numpy)
