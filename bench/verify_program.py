"""The training-shaped program the benchmark times with and without `rng-fix verify`: a DataLoader with
4 workers over 256 items that each take some NumPy work, read for the number of epochs given."""
import sys

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class Patches(Dataset):
    def __init__(self):
        self.rng = np.random.default_rng(0)
        self.images = np.random.default_rng(1).random((256, 64, 64)).astype(np.float32)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        image = self.images[index]
        for _ in range(20):
            image = np.fft.ifft2(np.fft.fft2(image)).real.astype(np.float32)
        return torch.from_numpy(image + self.rng.normal(size=image.shape).astype(np.float32))


if __name__ == "__main__":
    loader = DataLoader(Patches(), batch_size=16, num_workers=4)
    for epoch in range(int(sys.argv[1])):
        for batch in loader:
            pass
