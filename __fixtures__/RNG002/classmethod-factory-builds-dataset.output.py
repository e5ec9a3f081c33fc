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
        return self.points[index] * (1 + self.scale * _reseed_for_worker(self.rng).normal())  # expect: RNG002


def build_loader(points, config, workers=4):
    return DataLoader(JitteredPoints.from_config(points, config), batch_size=16, shuffle=True, num_workers=workers)
