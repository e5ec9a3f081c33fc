# fixture: --strategy per-worker-rng
import numpy as np
import torch
from monai.transforms import Compose, RandAdjustContrast, RandFlip, RandGaussianNoise, apply_transform
from torch.utils.data import DataLoader, Dataset


class VolumeDataset(Dataset):
    def __init__(self, volumes):
        self.volumes = volumes
        self.transform = Compose([RandFlip(prob=0.5, spatial_axis=0), RandAdjustContrast(prob=1.0, gamma=(0.7, 1.5))])
        self.noise = RandGaussianNoise(prob=1.0, std=0.1)
        self.extra = [RandGaussianNoise(prob=1.0, std=0.05)]

    def __len__(self):
        return len(self.volumes)

    def __getitem__(self, index):
        # Passed to MONAI's apply_transform, which calls it.
        volume = apply_transform(self.transform, self.volumes[index])  # expect: RNG005
        # A method that draws (randomize), then a call that does not draw again.
        self.noise.randomize(volume)  # expect: RNG005
        volume = self.noise(volume, randomize=False)  # expect: RNG005
        for transform in self.extra:
            volume = transform(volume)  # expect: RNG005
        return torch.as_tensor(volume)


def make_loader(num_workers):
    volumes = [np.linspace(0.1, 1, 32, dtype=np.float32).reshape(1, 2, 4, 4) for _ in range(16)]
    return DataLoader(VolumeDataset(volumes), batch_size=2, num_workers=num_workers)
