import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __init__(self, size, seed=0):
        self.size = size
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        return self.size

    def __getitem__(self, index):
        return index + self.rng.normal()


loader = DataLoader(NoisyDataset(64), batch_size=8, num_workers=4)
