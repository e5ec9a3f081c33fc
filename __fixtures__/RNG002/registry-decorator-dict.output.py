import sys

import numpy as np
from torch.utils.data import DataLoader, Dataset, get_worker_info


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
        return x + self.scale * _reseed_for_worker(self.rng).normal()  # expect: RNG002


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
