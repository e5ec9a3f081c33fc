# fixture: --torch-version 1.8
import numpy as np
from torch.utils.data import DataLoader, Dataset


class CropDataset(Dataset):
    def __init__(self, images):
        self.images = images
        self.seeded = False

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        # Seeded once, on the worker's first item: this undoes any per-worker seed set before.
        if not self.seeded:
            np.random.seed(index)  # expect: RNG004
            self.seeded = True
        top = np.random.randint(0, 4)  # expect: RNG001
        return self.images[index][top:top + 4]


loader = DataLoader(CropDataset([np.zeros((8, 8))] * 16), batch_size=4, num_workers=4)
