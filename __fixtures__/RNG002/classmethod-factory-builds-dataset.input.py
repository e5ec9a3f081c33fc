import numpy as np
from torch.utils.data import DataLoader, Dataset


class JitteredPoints(Dataset):
    def __init__(self, points, rng, scale):
        self.points = points
        self.rng = rng
        self.scale = scale

    @classmethod
    def from_config(cls, points, config):
        # The dataset is made by its own factory, called through the class by its qualified name.
        return cls(points, np.random.default_rng(config["seed"]), config["scale"])

    def __len__(self):
        return len(self.points)

    def __getitem__(self, index):
        return self.points[index] * (1 + self.scale * self.rng.normal())  # expect: RNG002


def build_loader(points, config, workers=4):
    return DataLoader(JitteredPoints.from_config(points, config), batch_size=16, shuffle=True, num_workers=workers)
