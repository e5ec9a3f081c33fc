import random

import imgaug.augmenters as iaa
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class CellDataset(Dataset):
    def __init__(self, cells, train=True):
        self.cells = cells
        self.seq = iaa.Sequential([
            iaa.Flipud(0.5),
            iaa.SomeOf((1, 2), [iaa.GaussianBlur(sigma=(0, 1.0)), iaa.Multiply((0.8, 1.2))]),
            iaa.AdditiveGaussianNoise(scale=(0, 10)),
        ]) if train else iaa.Identity()

    def __len__(self):
        return len(self.cells)

    def __getitem__(self, index):
        cell = self.seq.augment_image(self.cells[index])  # expect: RNG005
        return torch.from_numpy(cell.astype(np.float32))


def worker_init_fn(worker_id):
    seed = torch.initial_seed() % 2**32
    np.random.seed(seed)
    random.seed(seed)


def make_loader(num_workers):
    cells = [np.full((5, 5, 1), 100, dtype=np.uint8) for _ in range(16)]
    return DataLoader(CellDataset(cells), batch_size=2, num_workers=num_workers, worker_init_fn=worker_init_fn)
