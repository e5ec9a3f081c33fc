import albumentations as A
import numpy as np
from torch.utils.data import DataLoader, Dataset


class ColorDataset(Dataset):
    def __init__(self, images):
        self.images = images
        self.jitter = A.ColorJitter(brightness=0.3, contrast=0.3, saturation=0.3, hue=0.05, p=1.0)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.jitter(image=self.images[index])["image"]  # expect: RNG005


def make_loader(num_workers):
    images = [np.linspace(0, 1, 48, dtype=np.float32).reshape(4, 4, 3) for _ in range(16)]
    return DataLoader(ColorDataset(images), batch_size=2, num_workers=num_workers)
