import numpy as np
import pytorch_lightning as pl
import torch
from torch.utils.data import DataLoader, Dataset


class JitterDataset(Dataset):
    def __init__(self, n=256):
        self.x = torch.rand(n, 8)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, index):
        # NumPy's global RNG, torch version unknown. Lightning's
        # seed_everything(..., workers=True) (train.py) makes the Trainer install
        # its own worker_init_fn (pl_worker_init_function) on this loader, which
        # seeds NumPy per worker, rank and epoch: no RNG001, and no fix that
        # adds a worker_init_fn of ours.
        return self.x[index] + torch.from_numpy(np.random.normal(0, 0.01, 8)).float()


class JitterDataModule(pl.LightningDataModule):
    def __init__(self, batch_size=32, num_workers=4):
        super().__init__()
        self.batch_size = batch_size
        self.num_workers = num_workers

    def setup(self, stage=None):
        self.train_set = JitterDataset()

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True, num_workers=4)
