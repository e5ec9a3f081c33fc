import numpy
import torch
from torch.utils.data import DataLoader, Dataset


class CropDataset(Dataset):
    def __init__(self):
        self.random_state = numpy.random.RandomState(42)

    def __len__(self):
        return 16

    def __getitem__(self, index):
        top = self.random_state.randint(0, 8)
        return torch.tensor(top)


loader = DataLoader(CropDataset(), num_workers=2)
