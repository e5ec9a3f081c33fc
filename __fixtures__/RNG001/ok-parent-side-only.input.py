import numpy as np
from torch.utils.data import DataLoader, Dataset


class ShuffledDataset(Dataset):
    def __init__(self, items):
        # Runs once, in the training process.
        self.order = np.random.permutation(len(items))
        self.items = items

    def reshuffle(self):
        np.random.shuffle(self.order)

    def __getitem__(self, index):
        return self.items[self.order[index]]

    def __len__(self):
        return len(self.items)


dataset = ShuffledDataset(list(range(10)))
loader = DataLoader(dataset, num_workers=4)
for epoch in range(3):
    dataset.reshuffle()
