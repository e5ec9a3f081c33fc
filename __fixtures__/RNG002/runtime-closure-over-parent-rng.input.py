import numpy as np
from torch.utils.data import DataLoader, Dataset


def make_jitter(seed, scale=0.1):
    # The closure keeps the Generator made here, in the parent, when the dataset is built.
    rng = np.random.default_rng(seed)

    def jitter(values):
        return values + scale * rng.random(2)  # expect: RNG002

    return jitter


class JitteredPoints(Dataset):
    def __init__(self, transform):
        self.transform = transform

    def __len__(self):
        return 16

    def __getitem__(self, index):
        return self.transform(np.full(2, float(index)))


def make_loader(num_workers):
    return DataLoader(JitteredPoints(make_jitter(0)), batch_size=2, num_workers=num_workers)
