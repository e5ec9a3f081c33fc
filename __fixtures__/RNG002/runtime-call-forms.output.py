import random
import sys

import numpy as np
import torch
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
        if isinstance(rng, np.random.Generator):
            rng.bit_generator.state = type(rng.bit_generator)(seed).state
        elif isinstance(rng, np.random.RandomState):
            rng.set_state(np.random.RandomState(np.random.MT19937(seed)).get_state())
        elif isinstance(rng, torch.Generator):
            rng.manual_seed(hash((worker.seed, len(_worker_rng_seeds))) % 2**64)
        else:
            rng.seed(seed)
    return rng


def jitter(values, rng):
    # The RNG object is passed in as an argument and drawn from here.
    return values + rng.uniform(-1, 1)  # expect: RNG002


class CallFormsDataset(Dataset):
    def __init__(self):
        self.noise = np.random.default_rng(1)
        self.picker = random.Random(2)
        self.generator = torch.Generator().manual_seed(3)
        self.states = [np.random.RandomState(4), np.random.RandomState(5)]

    def __len__(self):
        return 16

    def __getitem__(self, index):
        values = _reseed_for_worker(self.noise).normal(size=2)  # expect: RNG002
        values = jitter(values, _reseed_for_worker(self.picker))
        values = values + torch.rand(2, generator=_reseed_for_worker(self.generator)).numpy()  # expect: RNG002
        values = values + _reseed_for_worker(self.states[index % 2]).rand(2)  # expect: RNG002
        return values


def make_loader(num_workers):
    return DataLoader(CallFormsDataset(), batch_size=2, num_workers=num_workers)
