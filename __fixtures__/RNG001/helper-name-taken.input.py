import numpy as np
from torch.utils.data import DataLoader, Dataset

seed_worker = 1234  # a configuration value that happens to use the name


class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return np.random.rand() + seed_worker

    def __len__(self):
        return 16


loader = DataLoader(NoisyDataset(), num_workers=2)
