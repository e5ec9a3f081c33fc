import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __init__(self, rng):
        self.rng = rng

    def __len__(self):
        return 16

    def __getitem__(self, index):
        return self.rng.uniform()


loader = DataLoader(NoisyDataset(np.random.default_rng(0)), num_workers=2)
