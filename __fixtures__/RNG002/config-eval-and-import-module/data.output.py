import sys

import importlib

import numpy as np
from torch.utils.data import DataLoader, Dataset, get_worker_info

from augs.noise import GaussianNoise, Identity


# Shared by the helpers of every module: each RNG is reseeded once per worker.
_worker_rng_seeds = vars(sys).setdefault("_rng_fix_worker_seeds", {})


def _reseed_for_worker(rng):
    # An RNG object made before the DataLoader starts its workers is copied into
    # each of them with the same state; reseed each copy once per worker from
    # torch's per-worker seed (new every epoch, reproducible with torch.manual_seed).
    worker = get_worker_info()
    if worker is not None and _worker_rng_seeds.get(id(rng)) != worker.seed:
        _worker_rng_seeds[id(rng)] = worker.seed
        seed = worker.seed + len(_worker_rng_seeds) * 2**64  # a distinct stream per object
        rng.bit_generator.state = type(rng.bit_generator)(seed).state
    return rng


  # noqa: F401  (named by the YAML configuration)


class Jitter:
    def __init__(self, amount=0.5):
        self.amount = amount
        self.rng = np.random.default_rng()

    def __call__(self, x):
        return x + _reseed_for_worker(self.rng).uniform(-self.amount, self.amount)  # expect: RNG002


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
