import numpy as np
import torch
from monai.transforms import Compose, RandAdjustContrast, RandFlip, RandGaussianNoise
from torch.utils.data import DataLoader, Dataset


class VolumeDataset(Dataset):
    def __init__(self, volumes, transform=None):
        self.volumes = volumes
        self.transform = transform

    def __len__(self):
        return len(self.volumes)

    def __getitem__(self, index):
        volume = self.volumes[index]
        if self.transform is not None:
            volume = self.transform(volume)  # expect: RNG005
        return torch.as_tensor(volume)


def make_loader(num_workers):
    train_transforms = Compose([
        RandFlip(prob=0.5, spatial_axis=0),
        RandGaussianNoise(prob=1.0, std=0.1),
        RandAdjustContrast(prob=1.0, gamma=(0.7, 1.5)),
    ])
    volumes = [np.linspace(0.1, 1, 32, dtype=np.float32).reshape(1, 2, 4, 4) for _ in range(16)]
    return DataLoader(VolumeDataset(volumes, train_transforms), batch_size=2, num_workers=num_workers)
