import random

import numpy as np
from torch.utils.data import DataLoader, Dataset


class MixedDataset(Dataset):
    def __init__(self):
        self.generator = np.random.default_rng(1)
        self.state = np.random.RandomState(2)
        self.python_rng = random.Random(3)

    def __len__(self):
        return 16

    def __getitem__(self, index):
        return (
            self.generator.random(),
            self.state.rand(),
            self.python_rng.random(),
        )


loader = DataLoader(MixedDataset(), num_workers=2)
