from torch.utils import data

from .transforms import Compose, Normalize, RandomCrop


class ImageDataset(data.Dataset):
    def __init__(self, images):
        self.images = images
        self.transform = Compose([RandomCrop(224), Normalize()])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.transform(self.images[index])
