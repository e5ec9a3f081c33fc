# Datasets reached through functools.partial of the class, a classmethod
# constructor, random_split and Subset: each loader is linked to its dataset.
import functools
import sys

import numpy as np
from torch.utils.data import DataLoader, Dataset, Subset, random_split, get_worker_info


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
        rng.set_state(np.random.RandomState(np.random.MT19937(seed)).get_state())
    return rng


class CropSet(Dataset):
    def __init__(self, root, split="train", seed=0):
        self.root = root
        self.rng = np.random.RandomState(seed)

    @classmethod
    def from_config(cls, cfg):
        return cls(**cfg)

    def __len__(self):
        return 10

    def __getitem__(self, index):
        return _reseed_for_worker(self.rng).randint(0, 10)


class PartialSet(CropSet):
    def __getitem__(self, index):
        return _reseed_for_worker(self.rng).randint(0, 20)


class SplitSet(CropSet):
    def __getitem__(self, index):
        return _reseed_for_worker(self.rng).randint(0, 30)


class SubsetSet(CropSet):
    def __getitem__(self, index):
        return _reseed_for_worker(self.rng).randint(0, 40)


factory = functools.partial(PartialSet, root="/data")
loader_a = DataLoader(factory(split="train"), num_workers=2)

loader_b = DataLoader(CropSet.from_config({"root": "/data"}), num_workers=2)

train, val = random_split(SplitSet("/x"), [5, 5])
loader_c = DataLoader(train, num_workers=2)
loader_d = DataLoader(Subset(SubsetSet("/y"), [1, 2]), num_workers=2)
