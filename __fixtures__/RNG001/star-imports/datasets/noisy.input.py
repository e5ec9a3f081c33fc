from numpy.random import *

from .base import *


class NoisyDataset(BaseDataset):
    def __getitem__(self, index):
        return self.items[index] + randint(0, 10)  # expect: RNG001
