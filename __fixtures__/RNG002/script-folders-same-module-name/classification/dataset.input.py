import torch
from torch.utils.data import Dataset


class CropDataset(Dataset):
    def __init__(self, items, seed):
        self.items = items
        self.generator_seed = seed

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        return self.items[index] + torch.randint(0, 16, ()).item()
