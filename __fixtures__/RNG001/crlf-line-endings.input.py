import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return np.random.rand()

    def __len__(self):
        return 16


loader = DataLoader(NoisyDataset(), num_workers=2)
