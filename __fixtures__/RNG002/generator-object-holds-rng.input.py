import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def noise_stream(rng, size):
    # The body runs where next() is called: in the worker, with the
    # parent's copy of `rng`.
    while True:
        yield rng.standard_normal(size)  # expect: RNG002


class NoisyImages(Dataset):
    def __init__(self, images, seed=0):
        self.images = images
        self.noise = noise_stream(np.random.default_rng(seed), images.shape[1:])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.images[index] + torch.from_numpy(next(self.noise)).float()


loader = DataLoader(NoisyImages(torch.zeros(16, 1, 8, 8)), batch_size=4, num_workers=4)
