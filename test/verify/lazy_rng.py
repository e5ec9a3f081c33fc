"""An RNG made lazily in each worker, from the worker's own seed."""
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info


class LazyDataset(Dataset):
    def __init__(self):
        self.rng = None

    def __len__(self):
        return 16

    def __getitem__(self, index):
        if self.rng is None:
            info = get_worker_info()
            self.rng = np.random.default_rng(info.seed if info is not None else 0)
        return torch.tensor([self.rng.random()])


if __name__ == "__main__":
    loader = DataLoader(LazyDataset(), batch_size=2, num_workers=4)
    for epoch in range(100):
        for batch in loader:
            pass
