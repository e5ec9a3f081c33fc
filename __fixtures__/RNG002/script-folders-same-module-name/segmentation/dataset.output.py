import sys

import numpy as np
from torch.utils.data import Dataset, get_worker_info


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


class CropDataset(Dataset):
    def __init__(self, items, seed):
        self.items = items
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        offset = _reseed_for_worker(self.rng).integers(0, 16)
        return self.items[index] + offset
