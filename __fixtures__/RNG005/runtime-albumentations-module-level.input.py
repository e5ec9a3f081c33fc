import albumentations as A
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

TRAIN_AUGMENT = A.Compose([
    A.HorizontalFlip(p=0.5),
    A.ShiftScaleRotate(shift_limit=0.1, scale_limit=0.1, rotate_limit=15, p=1.0),
    A.RandomBrightnessContrast(p=1.0),
])


class TileDataset(Dataset):
    def __init__(self, tiles):
        self.tiles = tiles

    def __len__(self):
        return len(self.tiles)

    def __getitem__(self, index):
        tile = TRAIN_AUGMENT(image=self.tiles[index])["image"]  # expect: RNG005
        return torch.from_numpy(tile).permute(2, 0, 1)


def make_loader(num_workers):
    tiles = [np.linspace(0, 1, 48, dtype=np.float32).reshape(4, 4, 3) for _ in range(16)]
    return DataLoader(TileDataset(tiles), batch_size=4, num_workers=num_workers)
