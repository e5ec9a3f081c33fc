import importlib

import numpy as np
from torch.utils.data import DataLoader, Dataset

from augs.noise import GaussianNoise, Identity  # noqa: F401  (named by the YAML configuration)


class Jitter:
    def __init__(self, amount=0.5):
        self.amount = amount
        self.rng = np.random.default_rng()

    def __call__(self, x):
        return x + self.rng.uniform(-self.amount, self.amount)  # expect: RNG002


class SignalDataset(Dataset):
    def __init__(self, signals, augmentations):
        self.signals = signals
        # `augmentations` comes from YAML: [{"type": "GaussianNoise", "args": {"std": 0.2}}, ...]
        self.augmentations = [eval(spec["type"])(**spec.get("args", {})) for spec in augmentations]

    def __len__(self):
        return len(self.signals)

    def __getitem__(self, index):
        x = self.signals[index]
        for augmentation in self.augmentations:
            x = augmentation(x)
        return x


def dataset_class(name):
    return getattr(importlib.import_module("data"), name)


def build_loader(cfg):
    dataset = dataset_class(cfg["dataset"])(cfg["signals"], cfg["augmentations"])
    return DataLoader(dataset, batch_size=cfg["batch_size"], num_workers=cfg["workers"])
