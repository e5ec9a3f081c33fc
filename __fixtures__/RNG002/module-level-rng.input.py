import numpy as np
from torch.utils.data import DataLoader, Dataset

RNG = np.random.default_rng(2024)


def add_noise(value):
    return value + RNG.normal()


class NoisyDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return add_noise(float(index))


loader = DataLoader(NoisyDataset(), num_workers=2)
