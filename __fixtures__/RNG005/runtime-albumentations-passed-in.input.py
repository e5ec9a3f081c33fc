import albumentations as A
import numpy as np
from torch.utils.data import DataLoader, Dataset


class SegmentationDataset(Dataset):
    def __init__(self, images, masks, transform=None):
        self.images = images
        self.masks = masks
        self.transform = transform

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        image, mask = self.images[index], self.masks[index]
        if self.transform is not None:
            augmented = self.transform(image=image, mask=mask)  # expect: RNG005
            image, mask = augmented["image"], augmented["mask"]
        return image, mask


def build_transforms(size):
    return A.Compose([
        A.RandomCrop(size, size),
        A.OneOf([A.HorizontalFlip(p=1.0), A.VerticalFlip(p=1.0)], p=0.75),
        A.GaussNoise(p=1.0),
    ])


def make_loader(num_workers):
    images = [np.linspace(0, 1, 75, dtype=np.float32).reshape(5, 5, 3) for _ in range(16)]
    masks = [np.arange(25, dtype=np.uint8).reshape(5, 5) for _ in range(16)]
    dataset = SegmentationDataset(images, masks, transform=build_transforms(4))
    return DataLoader(dataset, batch_size=2, shuffle=False, num_workers=num_workers)
