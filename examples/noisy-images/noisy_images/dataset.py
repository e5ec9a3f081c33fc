import numpy as np
from torch.utils.data import Dataset

from .transforms import AddNoise, Compose, RandomCrop


class NoisyImages(Dataset):
    """Random crops of a few fixed images, with Gaussian noise."""

    def __init__(self, count=16, size=12):
        self.images = [np.full((size, size), float(index)) + np.arange(size) for index in range(count)]
        self.transform = Compose([RandomCrop(8), AddNoise(0.1)])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.transform(self.images[index]).astype(np.float32)
