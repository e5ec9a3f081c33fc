import numpy as np
from torch.utils.data import DataLoader, Dataset, get_worker_info


class LazyDataset(Dataset):
    def __init__(self):
        self.rng = None

    def __len__(self):
        return 16

    def __getitem__(self, index):
        if self.rng is None:
            info = get_worker_info()
            self.rng = np.random.default_rng(info.seed if info else None)
        return self.rng.random()


class LocalDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        rng = np.random.default_rng()
        return rng.random()


lazy = DataLoader(LazyDataset(), num_workers=2)
local = DataLoader(LocalDataset(), num_workers=2)
