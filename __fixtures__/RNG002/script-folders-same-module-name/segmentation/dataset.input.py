import numpy as np
from torch.utils.data import Dataset


class CropDataset(Dataset):
    def __init__(self, items, seed):
        self.items = items
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        offset = self.rng.integers(0, 16)
        return self.items[index] + offset
