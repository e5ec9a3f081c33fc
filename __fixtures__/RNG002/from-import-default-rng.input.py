from numpy.random import default_rng
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __init__(self, seed):
        self.generator = default_rng(seed)

    def __len__(self):
        return 16

    def __getitem__(self, index):
        return self.generator.random()


loader = DataLoader(NoisyDataset(3), num_workers=2)
