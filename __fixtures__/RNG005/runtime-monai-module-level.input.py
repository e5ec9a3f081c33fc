import monai.transforms as mt
import numpy as np
from torch.utils.data import DataLoader, Dataset

AUGMENT = mt.Compose([
    mt.RandGaussianNoise(prob=1.0, std=0.05),
    mt.RandScaleIntensity(factors=0.2, prob=1.0),
])


class SliceDataset(Dataset):
    def __init__(self, slices):
        self.slices = slices

    def __len__(self):
        return len(self.slices)

    def __getitem__(self, index):
        return AUGMENT(self.slices[index])  # expect: RNG005


def make_loader(num_workers):
    slices = [np.linspace(0, 1, 16, dtype=np.float32).reshape(1, 4, 4) for _ in range(16)]
    return DataLoader(SliceDataset(slices), batch_size=4, num_workers=num_workers)
