from torch.utils.data import DataLoader, Dataset

from transforms import Compose, RandomFlip


class TextDataset(Dataset):
    def __init__(self, lines, transform=None):
        self.lines = lines
        self.transform = transform

    def __len__(self):
        return len(self.lines)

    def __getitem__(self, index):
        return self.transform(self.lines[index])


dataset = TextDataset(["abc", "xyz"], transform=Compose([RandomFlip(seed=0)]))
loader = DataLoader(dataset, num_workers=2)
