import random

import numpy as np
from torch.utils.data import DataLoader, Dataset


def sample_crop(length, size, seed, epoch, index):
    """Draw a crop start from a seed made of (seed, epoch, index); the global
    RNG is restored afterwards, so nothing leaks to other draws."""
    state = np.random.get_state()
    np.random.seed((seed * 1_000_003 + epoch * 10_007 + index) % 2**32)
    try:
        return np.random.randint(0, length - size + 1)
    finally:
        np.random.set_state(state)


class ClipDataset(Dataset):
    def __init__(self, waves, size, seed=7):
        self.waves = waves
        self.size = size
        self.seed = seed
        self.epoch = 0

    def __len__(self):
        return len(self.waves)

    def __getitem__(self, index):
        wave = self.waves[index]
        start = sample_crop(len(wave), self.size, self.seed, self.epoch, index)
        if random.random() < 0.5:
            wave = wave[::-1]
        return wave[start:start + self.size]


if __name__ == "__main__":
    dataset = ClipDataset(np.zeros((12, 16000)), size=4000)
    for epoch in range(2):
        dataset.epoch = epoch
        for batch in DataLoader(dataset, batch_size=4, num_workers=3):
            pass
