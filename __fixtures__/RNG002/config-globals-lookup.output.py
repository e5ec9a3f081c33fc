# Datasets picked by a config name from the module namespace: globals()[name]
# and getattr(sys.modules[__name__], name).
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


class NoisySet(Dataset):
    def __init__(self, n):
        self.n = n
        self.rng = np.random.default_rng(0)

    def __len__(self):
        return self.n

    def __getitem__(self, index):
        return _reseed_for_worker(self.rng).normal()


class CleanSet(Dataset):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, index):
        return index


def build(cfg):
    return globals()[cfg["name"]](cfg["n"])


def build2(cfg):
    return getattr(sys.modules[__name__], cfg["name"])(cfg["n"])


loader = DataLoader(build({"name": "NoisySet", "n": 8}), num_workers=2)
loader2 = DataLoader(build2({"name": "NoisySet", "n": 8}), num_workers=2)
