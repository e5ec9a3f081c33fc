import imgaug.augmenters as iaa
import numpy as np
from torch.utils.data import DataLoader, Dataset

AUG = iaa.Sequential([iaa.Fliplr(0.5), iaa.Affine(scale=(0.9, 1.1))])


class DigitDataset(Dataset):
    def __init__(self, digits):
        self.digits = digits

    def __len__(self):
        return len(self.digits)

    def __getitem__(self, index):
        return AUG.augment_image(self.digits[index])  # expect: RNG005


loader = DataLoader(DigitDataset([np.zeros((28, 28), dtype=np.uint8)] * 64), batch_size=8, num_workers=2)
