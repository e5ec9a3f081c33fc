import numpy as np
from torch.utils.data import DataLoader, Dataset

# Every loader here runs without workers: a named constant, a dict splat, and
# the default. Nothing is duplicated: no finding.

NUM_WORKERS = 0


class NoisyDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return index + np.random.normal()


LOADER_KWARGS = dict(batch_size=4, shuffle=True, num_workers=0)

from_constant = DataLoader(NoisyDataset(), batch_size=4, num_workers=NUM_WORKERS)
from_dict = DataLoader(NoisyDataset(), **LOADER_KWARGS)
default = DataLoader(NoisyDataset(), batch_size=4)
literal = DataLoader(NoisyDataset(), num_workers=0)
