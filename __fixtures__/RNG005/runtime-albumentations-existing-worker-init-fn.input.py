import random

import albumentations as A
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class PatchDataset(Dataset):
    def __init__(self, patches, transform):
        self.patches = patches
        self.transform = transform

    def __len__(self):
        return len(self.patches)

    def __getitem__(self, index):
        return self.transform(image=self.patches[index])["image"]  # expect: RNG005


def worker_init_fn(worker_id):
    seed = torch.initial_seed() % 2**32
    np.random.seed(seed)
    random.seed(seed)


def make_loader(num_workers):
    transform = A.Compose([A.HorizontalFlip(), A.RandomGamma(p=1.0), A.RandomBrightnessContrast(p=1.0)])
    patches = [np.linspace(0.1, 0.9, 48, dtype=np.float32).reshape(4, 4, 3) for _ in range(16)]
    return DataLoader(PatchDataset(patches, transform), batch_size=2, num_workers=num_workers, worker_init_fn=worker_init_fn)
