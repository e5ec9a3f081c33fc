import albumentations as A
import numpy as np
from torch.utils.data import DataLoader, Dataset


class ArrayDataset(Dataset):
    def __init__(self, arrays):
        self.arrays = arrays
        # AlbumentationsX 2.3.1 and later reseed a pipeline, and a lone
        # transform, from torch's seed in each DataLoader worker.
        self.transform = A.Compose([A.HorizontalFlip(), A.GaussNoise(p=1.0)])
        self.jitter = A.ColorJitter(p=1.0)

    def __len__(self):
        return len(self.arrays)

    def __getitem__(self, index):
        image = self.transform(image=self.arrays[index])["image"]
        return self.jitter(image=image)["image"]


loader = DataLoader(ArrayDataset([np.zeros((8, 8, 3), dtype=np.float32)] * 64), batch_size=8, num_workers=4)
