import albumentations as A
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def seed_augmentations(worker_id):
    # Augmentation pipelines hold their own RNG, copied unchanged into every
    # DataLoader worker; reseed them from torch's per-worker seed.
    TRAIN_AUGMENT.set_random_seed(torch.initial_seed() % 2**32)


# AlbumentationsX 2.0.9-2.3.0 reseeds a Compose per worker only when it was given a seed.
TRAIN_AUGMENT = A.Compose([A.HorizontalFlip(), A.RandomBrightnessContrast()])
EVAL_AUGMENT = A.Compose([A.HorizontalFlip()], seed=7)


class ArrayDataset(Dataset):
    def __init__(self, arrays, train):
        self.arrays = arrays
        self.train = train

    def __len__(self):
        return len(self.arrays)

    def __getitem__(self, index):
        augment = TRAIN_AUGMENT if self.train else EVAL_AUGMENT
        return augment(image=self.arrays[index])["image"]  # expect: RNG005


arrays = [np.zeros((8, 8, 3), dtype=np.float32)] * 64
train_loader = DataLoader(ArrayDataset(arrays, train=True), batch_size=8, num_workers=4, worker_init_fn=seed_augmentations)
eval_loader = DataLoader(ArrayDataset(arrays, train=False), batch_size=8, num_workers=4, worker_init_fn=seed_augmentations)
