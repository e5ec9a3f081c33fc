import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return np.random.rand()  # expect: RNG001

    def __len__(self):
        return 16


loader_options = {"batch_size": 4, "num_workers": 4}
loader = DataLoader(NoisyDataset(), **loader_options)
