from numpy import random
from torch.utils.data import Dataset, DataLoader as DL


class JitterDataset(Dataset):
    def __getitem__(self, index):
        return random.uniform(-1, 1) * index

    def __len__(self):
        return 100


train_loader = DL(JitterDataset(), batch_size=4, shuffle=True, num_workers=2)
