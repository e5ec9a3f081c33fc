import numpy as np
from torch.utils.data import DataLoader, Dataset


class Crops(Dataset):
    def __init__(self, images, size=8):
        self.images = images
        self.size = size
        self.rng = None

    @classmethod
    def from_config(cls, config):
        dataset = cls(config["images"], config["size"])
        # Set from outside the instance's own methods, in the parent.
        dataset.rng = np.random.RandomState(config["seed"])
        return dataset

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        top = self.rng.randint(0, len(self.images[index]) - self.size + 1)  # expect: RNG002
        return self.images[index][top : top + self.size]


def build_loader(config):
    return DataLoader(Crops.from_config(config), batch_size=2, num_workers=config.get("workers", 4))
