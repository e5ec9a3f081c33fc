# Loaders made over the views of a module-level dict of datasets:
# a comprehension over .items(), and a loop over .values().
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


class Base(Dataset):
    def __init__(self, n):
        self.n = n
        self.rng = np.random.default_rng(0)

    def __len__(self):
        return self.n


class TrainSet(Base):
    def __getitem__(self, index):
        return _reseed_for_worker(self.rng).normal()


class ValSet(Base):
    def __getitem__(self, index):
        return _reseed_for_worker(self.rng).uniform()


class TestSet(Base):
    def __getitem__(self, index):
        return _reseed_for_worker(self.rng).integers(0, 3)


datasets = {"train": TrainSet(8), "val": ValSet(8)}
loaders = {split: DataLoader(ds, batch_size=2, num_workers=4) for split, ds in datasets.items()}

tests = {"small": TestSet(4), "large": TestSet(5)}
test_loaders = []
for ds in tests.values():
    test_loaders.append(DataLoader(ds, num_workers=2))
