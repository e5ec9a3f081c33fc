import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __init__(self, size):
        self.size = size

    def __len__(self):
        return self.size

    def __getitem__(self, index):
        noise = np.random.normal(0.0, 1.0, size=3)
        return index + noise


loader = DataLoader(NoisyDataset(64), batch_size=8, num_workers=4)
