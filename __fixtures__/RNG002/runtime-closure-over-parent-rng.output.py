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


def make_jitter(seed, scale=0.1):
    # The closure keeps the Generator made here, in the parent, when the dataset is built.
    rng = np.random.default_rng(seed)

    def jitter(values):
        return values + scale * _reseed_for_worker(rng).random(2)  # expect: RNG002

    return jitter


class JitteredPoints(Dataset):
    def __init__(self, transform):
        self.transform = transform

    def __len__(self):
        return 16

    def __getitem__(self, index):
        return self.transform(np.full(2, float(index)))


def make_loader(num_workers):
    return DataLoader(JitteredPoints(make_jitter(0)), batch_size=2, num_workers=num_workers)
