import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return np.random.rand()

    def __len__(self):
        return 16


class DataModule:
    def __init__(self, workers):
        self.workers = workers

    def setup(self):
        self.train_set = NoisyDataset()

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=4, num_workers=self.workers)
