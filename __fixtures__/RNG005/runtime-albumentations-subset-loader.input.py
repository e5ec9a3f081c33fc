import albumentations as A
import numpy as np
from torch.utils.data import DataLoader, Dataset, Subset


class ImageDataset(Dataset):
    def __init__(self, images):
        self.images = images
        self.transform = A.Compose([A.HorizontalFlip(), A.RandomBrightnessContrast(p=1.0)])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.transform(image=self.images[index])["image"]  # expect: RNG005


def make_loader(num_workers):
    images = [np.linspace(0, 1, 48, dtype=np.float32).reshape(4, 4, 3) for _ in range(20)]
    # The loader reads a Subset: get_worker_info().dataset is the Subset, which has no `transform`.
    return DataLoader(Subset(ImageDataset(images), list(range(16))), batch_size=2, num_workers=num_workers)
