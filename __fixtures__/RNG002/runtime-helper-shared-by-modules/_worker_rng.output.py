"""Helpers that rng-fix added: DataLoader (and Keras) workers start with copies of the
parent process's random state; these reseed it once in each worker.
"""

import sys

import numpy as np
import torch
from torch.utils.data import get_worker_info


# Shared by the helpers of every module: each RNG is reseeded once per worker.
_worker_rng_seeds = vars(sys).setdefault("_rng_fix_worker_seeds", {})


def reseed_for_worker(rng):
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


def seed_numpy_for_worker():
    # DataLoader workers start with identical copies of NumPy's global RNG;
    # reseed it once per worker from torch's per-worker seed.
    worker = get_worker_info()
    if worker is not None and _worker_rng_seeds.get("numpy") != worker.seed:
        _worker_rng_seeds["numpy"] = worker.seed
        np.random.seed(worker.seed % 2**32)
