# fixture: --strategy per-worker-rng
import imgaug.augmenters as iaa
import numpy as np
from torch.utils.data import DataLoader, Dataset


def apply(augment, image):
    # A bound method of the augmenter: wrapping it would hand the helper a method, not the augmenter.
    return augment(image)  # expect: RNG005


class CellDataset(Dataset):
    def __init__(self, cells):
        self.cells = cells
        self.seq = iaa.Sequential([iaa.Fliplr(0.5), iaa.AdditiveGaussianNoise(scale=(0, 10))])

    def __len__(self):
        return len(self.cells)

    def __getitem__(self, index):
        return apply(self.seq.augment_image, self.cells[index])


loader = DataLoader(CellDataset([np.zeros((4, 4, 1), dtype=np.uint8)] * 8), num_workers=4)
