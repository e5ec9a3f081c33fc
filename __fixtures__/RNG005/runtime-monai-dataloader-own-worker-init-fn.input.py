import numpy as np
import torch
from monai.data import DataLoader
from monai.transforms import Compose, RandFlip, RandGaussianNoise
from torch.utils.data import Dataset


class VolumeDataset(Dataset):
    def __init__(self, volumes, transform):
        self.volumes = volumes
        self.transform = transform

    def __len__(self):
        return len(self.volumes)

    def __getitem__(self, index):
        return self.transform(self.volumes[index])  # expect: RNG005


def seed_numpy(worker_id):
    np.random.seed(torch.initial_seed() % 2**32)


def make_loader(num_workers):
    transform = Compose([RandFlip(prob=0.5, spatial_axis=1), RandGaussianNoise(prob=1.0, std=0.1)])
    volumes = [np.linspace(0, 1, 16, dtype=np.float32).reshape(1, 4, 4) for _ in range(16)]
    # A worker_init_fn of our own replaces monai.data.utils.worker_init_fn.
    return DataLoader(VolumeDataset(volumes, transform), batch_size=2, num_workers=num_workers, worker_init_fn=seed_numpy)
