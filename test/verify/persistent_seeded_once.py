"""Persistent workers seeded once each from worker_id: distinct, and never re-created."""
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def seed_once(worker_id):
    np.random.seed(1000 + worker_id)


class CropDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return torch.tensor([np.random.rand()])


if __name__ == "__main__":
    loader = DataLoader(CropDataset(), batch_size=2, num_workers=4, persistent_workers=True, worker_init_fn=seed_once)
    for epoch in range(3):
        for batch in loader:
            pass
