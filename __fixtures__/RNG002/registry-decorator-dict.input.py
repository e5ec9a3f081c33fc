import numpy as np
from torch.utils.data import DataLoader, Dataset

TRANSFORMS = {}


def register_transform(name):
    def register(cls):
        TRANSFORMS[name] = cls
        return cls

    return register


@register_transform("jitter")
class Jitter:
    def __init__(self, scale=0.1, seed=0):
        self.scale = scale
        self.rng = np.random.default_rng(seed)

    def __call__(self, x):
        return x + self.scale * self.rng.normal()  # expect: RNG002


@register_transform("scale")
class Scale:
    def __init__(self, factor=2.0):
        self.factor = factor

    def __call__(self, x):
        return x * self.factor


class ConfiguredDataset(Dataset):
    def __init__(self, cfg):
        # Built from the configuration: any registered transform may be one of them.
        self.transforms = [TRANSFORMS[spec["type"]](**spec.get("args", {})) for spec in cfg["transforms"]]

    def __len__(self):
        return 16

    def __getitem__(self, index):
        x = float(index)
        for transform in self.transforms:
            x = transform(x)
        return x


def build(cfg):
    return DataLoader(ConfiguredDataset(cfg), batch_size=4, num_workers=cfg["workers"])
