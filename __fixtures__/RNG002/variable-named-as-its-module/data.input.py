import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __init__(self):
        self.rng = np.random.default_rng(0)

    def __len__(self):
        return 8

    def __getitem__(self, index):
        return self.rng.normal()  # expect: RNG002


# A module-level name that is also the module's own name (`data` in data.py).
data = NoisyDataset()
loader = DataLoader(data, batch_size=2, num_workers=2)
