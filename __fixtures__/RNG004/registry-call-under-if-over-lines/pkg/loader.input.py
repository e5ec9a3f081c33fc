from torch.utils.data import Dataset


class TransformedPoints(Dataset):
    def __init__(self, points, transform=None):
        self.points = points
        self.transform = transform

    def __len__(self):
        return len(self.points)

    def __getitem__(self, index):
        return self.transform(self.points[index])
