import numpy as np
from torch.utils.data import DataLoader, Dataset

# Python names that JavaScript objects also have (`constructor`, `toString`,
# `hasOwnProperty`): they are plain Python names here, and nothing is random.


class Shapes(Dataset):
    def constructor(self, toString=None):
        return toString

    def __len__(self):
        return 4

    def __getitem__(self, index):
        hasOwnProperty = self.constructor
        return hasOwnProperty(np.zeros(2))


def valueOf(constructor):
    return constructor(Shapes(), num_workers=2)


loader = valueOf(DataLoader)
