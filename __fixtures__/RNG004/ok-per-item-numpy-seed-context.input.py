import contextlib

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


@contextlib.contextmanager
def numpy_seed(seed, *addl_seeds):
    """Seed NumPy's global RNG from (seed, epoch, index) and restore it afterwards."""
    if seed is None:
        yield
        return
    if addl_seeds:
        seed = int(hash((seed, *addl_seeds)) % 1e6)
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


class MaskTokensDataset(Dataset):
    def __init__(self, tokens, mask_idx, seed=1, mask_prob=0.15):
        self.tokens = tokens
        self.mask_idx = mask_idx
        self.seed = seed
        self.mask_prob = mask_prob
        self.epoch = 0

    def set_epoch(self, epoch):
        self.epoch = epoch

    def __len__(self):
        return len(self.tokens)

    def __getitem__(self, index):
        # Different per item and per epoch, reproducible: no RNG001, no RNG004.
        with numpy_seed(self.seed, self.epoch, index):
            item = self.tokens[index].clone()
            mask = np.random.rand(len(item)) < self.mask_prob
            item[torch.from_numpy(mask)] = self.mask_idx
            return item


if __name__ == "__main__":
    dataset = MaskTokensDataset(torch.arange(200).view(20, 10), mask_idx=3)
    loader = DataLoader(dataset, batch_size=4, num_workers=4)
    for epoch in range(1, 3):
        dataset.set_epoch(epoch)
        for batch in loader:
            pass
