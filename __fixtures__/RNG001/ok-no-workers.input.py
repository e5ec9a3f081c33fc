import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return np.random.rand()

    def __len__(self):
        return 4


single = DataLoader(NoisyDataset(), batch_size=2)
explicit = DataLoader(NoisyDataset(), num_workers=0)
