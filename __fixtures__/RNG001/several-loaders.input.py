import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return np.random.standard_normal()

    def __len__(self):
        return 16


train_set = NoisyDataset()
val_set = NoisyDataset()
train_loader = DataLoader(train_set, batch_size=4, num_workers=4)
val_loader = DataLoader(val_set, batch_size=4)
test_loader = DataLoader(NoisyDataset(), batch_size=4, num_workers=2, persistent_workers=True)
