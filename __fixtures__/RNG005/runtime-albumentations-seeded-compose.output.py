import albumentations as A
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def seed_augmentations(worker_id):
    # Augmentation pipelines hold their own RNG, copied unchanged into every
    # DataLoader worker; reseed them from torch's per-worker seed.
    AUGMENT.set_random_seed(torch.initial_seed() % 2**32)


# A fixed seed makes runs repeatable, but every worker starts from it.
AUGMENT = A.Compose([A.Affine(rotate=(-20, 20), p=1.0), A.ColorJitter(p=1.0)], seed=137)


class CropDataset(Dataset):
    def __init__(self, crops):
        self.crops = crops

    def __len__(self):
        return len(self.crops)

    def __getitem__(self, index):
        return AUGMENT(image=self.crops[index])["image"]  # expect: RNG005


def make_loader(num_workers):
    crops = [np.linspace(0, 1, 48, dtype=np.float32).reshape(4, 4, 3) for _ in range(16)]
    return DataLoader(CropDataset(crops), batch_size=2, num_workers=num_workers, worker_init_fn=seed_augmentations)
