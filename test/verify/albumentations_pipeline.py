"""An albumentations pipeline made in the parent: it keeps its own RNG, which every worker copies."""
import os

os.environ.setdefault("NO_ALBUMENTATIONS_UPDATE", "1")

import albumentations as A  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch.utils.data import DataLoader, Dataset  # noqa: E402


class ImageDataset(Dataset):
    def __init__(self):
        self.image = np.linspace(0, 1, 48, dtype=np.float32).reshape(4, 4, 3)
        self.transform = A.Compose([A.HorizontalFlip(p=0.5), A.RandomBrightnessContrast(p=1.0)])

    def __len__(self):
        return 16

    def __getitem__(self, index):
        return torch.from_numpy(self.transform(image=self.image)["image"])


if __name__ == "__main__":
    loader = DataLoader(ImageDataset(), batch_size=2, num_workers=4)
    for epoch in range(100):
        for batch in loader:
            pass
