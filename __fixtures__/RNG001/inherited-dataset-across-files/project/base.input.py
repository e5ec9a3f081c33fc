from torch.utils.data import Dataset


class BaseDataset(Dataset):
    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        return self.augment(self.items[index])

    def augment(self, item):
        return item
