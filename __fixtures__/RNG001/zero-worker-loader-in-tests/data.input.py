import numpy as np
import torch
from torch.utils.data import Dataset


class RandomCropDataset(Dataset):
    def __init__(self, volumes, size=16):
        self.volumes = volumes
        self.size = size

    def __len__(self):
        return len(self.volumes)

    def __getitem__(self, index):
        volume = self.volumes[index]
        z = np.random.randint(0, volume.shape[0] - self.size + 1)  # expect: RNG001
        return torch.as_tensor(volume[z:z + self.size])
