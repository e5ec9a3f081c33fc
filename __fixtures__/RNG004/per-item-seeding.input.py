# fixture: --torch-version 2.0
import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        np.random.seed(index)
        return np.random.rand()


loader = DataLoader(NoisyDataset(), num_workers=2)
