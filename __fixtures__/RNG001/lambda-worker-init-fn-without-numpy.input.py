import random

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return np.random.rand()

    def __len__(self):
        return 16


loader = DataLoader(NoisyDataset(), num_workers=2, worker_init_fn=lambda _: random.seed(torch.initial_seed()))
