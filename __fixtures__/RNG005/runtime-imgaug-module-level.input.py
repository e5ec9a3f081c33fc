import imgaug.augmenters as iaa
import numpy as np
from torch.utils.data import DataLoader, Dataset

AUG = iaa.Sequential([
    iaa.Fliplr(0.5),
    iaa.Affine(rotate=(-10, 10)),
    iaa.AdditiveGaussianNoise(scale=(0, 0.05 * 255)),
])


class DigitDataset(Dataset):
    def __init__(self, digits):
        self.digits = digits

    def __len__(self):
        return len(self.digits)

    def __getitem__(self, index):
        digit = AUG(image=self.digits[index])  # expect: RNG005
        return digit.astype(np.float32) / 255.0


def make_loader(num_workers):
    digits = [np.linspace(0, 255, 36).astype(np.uint8).reshape(6, 6) for _ in range(16)]
    return DataLoader(DigitDataset(digits), batch_size=2, num_workers=num_workers)
