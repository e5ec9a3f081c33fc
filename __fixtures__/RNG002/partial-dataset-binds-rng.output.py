from functools import partial
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


class Jittered(Dataset):
    def __init__(self, items, rng, scale=1.0):
        self.items = items
        self.rng = rng
        self.scale = scale

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        return self.items[index] + self.scale * _reseed_for_worker(self.rng).normal()  # expect: RNG002


# The RNG is bound by the partial, not passed where the dataset is made.
DATASETS = {"jittered": partial(Jittered, rng=np.random.default_rng(0), scale=0.1)}


def build_loader(name, items, workers=4):
    return DataLoader(DATASETS[name](items), batch_size=8, num_workers=workers)
