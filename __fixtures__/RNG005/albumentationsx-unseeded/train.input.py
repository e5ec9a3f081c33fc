import albumentations as A
import numpy as np
from torch.utils.data import DataLoader, Dataset

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
train_loader = DataLoader(ArrayDataset(arrays, train=True), batch_size=8, num_workers=4)
eval_loader = DataLoader(ArrayDataset(arrays, train=False), batch_size=8, num_workers=4)
