import torch
from numpy.random import choice, randint as draw_int
from torch.utils.data import DataLoader, Dataset


class PatchDataset(Dataset):
    def __getitem__(self, index):
        row = draw_int(0, 8)
        column = choice([0, 2, 4])
        return torch.tensor([row, column])

    def __len__(self):
        return 32


loader = DataLoader(PatchDataset(), num_workers=8)
