import albumentations as A
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info


def seed_augmentations(worker_id):
    # Augmentation pipelines hold their own RNG, copied unchanged into every
    # DataLoader worker; reseed them from torch's per-worker seed.
    get_worker_info().dataset.transform.set_random_seed(torch.initial_seed() % 2**32)


class ImageDataset(Dataset):
    def __init__(self, images):
        self.images = images
        self.transform = A.Compose([
            A.HorizontalFlip(p=0.5),
            A.RandomBrightnessContrast(p=1.0),
        ])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        image = self.images[index]
        return self.transform(image=image)["image"]  # expect: RNG005


def make_loader(num_workers):
    images = [np.linspace(0, 1, 48, dtype=np.float32).reshape(4, 4, 3) for _ in range(16)]
    return DataLoader(ImageDataset(images), batch_size=2, num_workers=num_workers, worker_init_fn=seed_augmentations)
