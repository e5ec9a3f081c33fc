import imgaug.augmenters as iaa
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def seed_augmentations(worker_id):
    # Augmentation pipelines hold their own RNG, copied unchanged into every
    # DataLoader worker; reseed them from torch's per-worker seed.
    AUG.reseed(torch.initial_seed() % 2**32)


AUG = iaa.Sequential([iaa.Fliplr(0.5), iaa.Affine(scale=(0.9, 1.1))])


class DigitDataset(Dataset):
    def __init__(self, digits):
        self.digits = digits

    def __len__(self):
        return len(self.digits)

    def __getitem__(self, index):
        return AUG.augment_image(self.digits[index])  # expect: RNG005


loader = DataLoader(DigitDataset([np.zeros((28, 28), dtype=np.uint8)] * 64), batch_size=8, num_workers=2, worker_init_fn=seed_augmentations)
