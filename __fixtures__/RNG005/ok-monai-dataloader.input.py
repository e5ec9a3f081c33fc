import numpy as np
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
        return self.transform(self.volumes[index])


def make_loader(num_workers):
    transform = Compose([RandFlip(prob=0.5, spatial_axis=1), RandGaussianNoise(prob=1.0, std=0.1)])
    volumes = [np.linspace(0, 1, 16, dtype=np.float32).reshape(1, 4, 4) for _ in range(16)]
    # monai.data.DataLoader passes monai.data.utils.worker_init_fn, which reseeds
    # every Randomizable reachable from the dataset in each worker.
    return DataLoader(VolumeDataset(volumes, transform), batch_size=2, num_workers=num_workers)
