# fixture: --strategy per-worker-rng
import albumentations as A
import numpy as np
from torch.utils.data import DataLoader, Dataset


class ImageDataset(Dataset):
    def __init__(self, images):
        self.images = images
        self.transform = A.Compose([A.HorizontalFlip(), A.RandomBrightnessContrast(p=1.0)])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.transform(image=self.images[index])["image"]  # expect: RNG005


def make_loader(num_workers, dataset_type=ImageDataset):
    # The dataset is chosen by the caller: rng-fix cannot link this loader to it.
    images = [np.linspace(0, 1, 48, dtype=np.float32).reshape(4, 4, 3) for _ in range(16)]
    return DataLoader(dataset_type(images), batch_size=2, num_workers=num_workers)
