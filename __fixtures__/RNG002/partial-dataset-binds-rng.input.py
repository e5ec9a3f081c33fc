from functools import partial

import numpy as np
from torch.utils.data import DataLoader, Dataset


class Jittered(Dataset):
    def __init__(self, items, rng, scale=1.0):
        self.items = items
        self.rng = rng
        self.scale = scale

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        return self.items[index] + self.scale * self.rng.normal()  # expect: RNG002


# The RNG is bound by the partial, not passed where the dataset is made.
DATASETS = {"jittered": partial(Jittered, rng=np.random.default_rng(0), scale=0.1)}


def build_loader(name, items, workers=4):
    return DataLoader(DATASETS[name](items), batch_size=8, num_workers=workers)
