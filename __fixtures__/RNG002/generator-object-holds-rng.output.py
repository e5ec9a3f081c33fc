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
        rng.bit_generator.state = type(rng.bit_generator)(seed).state
    return rng


def noise_stream(rng, size):
    # The body runs where next() is called: in the worker, with the
    # parent's copy of `rng`.
    while True:
        yield _reseed_for_worker(rng).standard_normal(size)  # expect: RNG002


class NoisyImages(Dataset):
    def __init__(self, images, seed=0):
        self.images = images
        self.noise = noise_stream(np.random.default_rng(seed), images.shape[1:])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.images[index] + torch.from_numpy(next(self.noise)).float()


loader = DataLoader(NoisyImages(torch.zeros(16, 1, 8, 8)), batch_size=4, num_workers=4)
