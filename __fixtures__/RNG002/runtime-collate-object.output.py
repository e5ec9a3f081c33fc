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


class MixupCollate:
    """Mixes each batch with a random weight: collate functions run in the DataLoader workers."""

    def __init__(self, alpha=1.0, seed=0):
        self.alpha = alpha
        self.rng = np.random.default_rng(seed)

    def __call__(self, batch):
        weight = _reseed_for_worker(self.rng).beta(self.alpha, self.alpha)  # expect: RNG002
        items = torch.stack(batch)
        return weight * items + (1 - weight) * items.flip(0)


class Points(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return torch.tensor([float(index), 1.0])


def make_loader(num_workers):
    return DataLoader(Points(), batch_size=2, num_workers=num_workers, collate_fn=MixupCollate())
