"""Eighteen datasets share one noise function; the loaders are built elsewhere."""
import numpy as np
from torch.utils.data import Dataset


def noise():
    return np.random.rand()


class Noisy01(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 1


class Noisy02(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 2


class Noisy03(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 3


class Noisy04(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 4


class Noisy05(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 5


class Noisy06(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 6


class Noisy07(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 7


class Noisy08(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 8


class Noisy09(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 9


class Noisy10(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 10


class Noisy11(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 11


class Noisy12(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 12


class Noisy13(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 13


class Noisy14(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 14


class Noisy15(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 15


class Noisy16(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 16


class Noisy17(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 17


class Noisy18(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return noise() + 18
