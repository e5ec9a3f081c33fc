# fixture: --torch-version 2.0
import random

import torch
from torch.utils.data import DataLoader, Dataset


class TokenDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return random.random() + torch.rand(1).item()


def init_worker(worker_id):
    random.seed(torch.initial_seed())
    torch.manual_seed(torch.initial_seed())


loader = DataLoader(TokenDataset(), num_workers=2, worker_init_fn=init_worker)
