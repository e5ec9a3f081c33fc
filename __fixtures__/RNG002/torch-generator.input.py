import torch
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __init__(self):
        self.generator = torch.Generator().manual_seed(0)

    def __len__(self):
        return 16

    def __getitem__(self, index):
        return torch.rand(2, generator=self.generator)


loader = DataLoader(NoisyDataset(), num_workers=2)
