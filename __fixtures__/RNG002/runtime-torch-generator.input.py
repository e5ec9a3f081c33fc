import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __init__(self):
        self.generator = torch.Generator()
        self.generator.manual_seed(0)
        self.noise = np.random.default_rng(1)

    def __len__(self):
        return 16

    def __getitem__(self, index):
        values = torch.rand(2, generator=self.generator).numpy()
        return np.concatenate([values, self.noise.random(1)])


def make_loader(num_workers):
    return DataLoader(NoisyDataset(), batch_size=2, num_workers=num_workers)
