import albumentations as A
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class TrainAugmentation:
    """Image augmentation for training: albumentations, then a tensor in CHW order."""

    def __init__(self, size):
        self.pipeline = A.Compose([
            A.RandomResizedCrop(size=(size, size), scale=(0.5, 1.0), p=1.0),
            A.HorizontalFlip(p=0.5),
            A.HueSaturationValue(p=1.0),
        ])

    def __call__(self, image):
        image = self.pipeline(image=image)["image"]  # expect: RNG005
        return torch.from_numpy(image.transpose(2, 0, 1).copy())


class PhotoDataset(Dataset):
    def __init__(self, photos, augment):
        self.photos = photos
        self.augment = augment

    def __len__(self):
        return len(self.photos)

    def __getitem__(self, index):
        return self.augment(self.photos[index]), index % 2


def make_loader(num_workers):
    photos = [np.linspace(0, 255, 192).astype(np.uint8).reshape(8, 8, 3) for _ in range(16)]
    return DataLoader(PhotoDataset(photos, TrainAugmentation(6)), batch_size=4, num_workers=num_workers)
