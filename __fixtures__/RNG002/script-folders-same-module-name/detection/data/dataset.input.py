import random

from torch.utils.data import Dataset


class CropDataset(Dataset):
    def __init__(self, items):
        self.items = items
        self.rng = random.Random(0)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        return self.items[index] + self.rng.randint(0, 15)
