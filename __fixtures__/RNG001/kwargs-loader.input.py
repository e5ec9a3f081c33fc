import json

import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return np.random.rand()  # expect: RNG001

    def __len__(self):
        return 16


def make_loader(config_path):
    # The options come from a file: they may hold a worker_init_fn already.
    with open(config_path) as handle:
        options = json.load(handle)
    return DataLoader(NoisyDataset(), num_workers=4, **options)
