import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return np.random.rand()

    def __len__(self):
        return 16


train_loader = DataLoader(
    NoisyDataset(),
    batch_size=16,
    shuffle=True,
    num_workers=4,  # one per core
)
val_loader = DataLoader(
    NoisyDataset(),
    batch_size=16,
    num_workers=2
)
