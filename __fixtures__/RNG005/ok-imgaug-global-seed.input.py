import imgaug as ia
import imgaug.augmenters as iaa
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

# Augmenters made without a seed share imgaug's global RNG, which the
# worker_init_fn below reseeds from torch's per-worker seed.
AUG = iaa.Sequential([iaa.Fliplr(0.5), iaa.AdditiveGaussianNoise(scale=(0, 10))])


class CellDataset(Dataset):
    def __init__(self, cells):
        self.cells = cells

    def __len__(self):
        return len(self.cells)

    def __getitem__(self, index):
        return AUG(image=self.cells[index]).astype(np.float32)


def worker_init_fn(worker_id):
    ia.seed(torch.initial_seed() % 2**32)


def make_loader(num_workers):
    cells = [np.full((5, 5, 1), 100, dtype=np.uint8) for _ in range(16)]
    return DataLoader(CellDataset(cells), batch_size=2, num_workers=num_workers, worker_init_fn=worker_init_fn)
