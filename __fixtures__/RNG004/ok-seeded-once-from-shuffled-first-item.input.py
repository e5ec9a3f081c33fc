import numpy as np
from torch.utils.data import DataLoader, Dataset


class CropDataset(Dataset):
    def __init__(self, images):
        self.images = images
        self.seeded = False

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        # Once per worker, from the index of its first item: shuffled, that index is new in every worker and epoch.
        if not self.seeded:
            np.random.seed(index)
            self.seeded = True
        top = np.random.randint(0, 4)
        return self.images[index][top:top + 4]


loader = DataLoader(CropDataset([np.zeros((8, 8))] * 64), batch_size=4, shuffle=True, num_workers=4)
