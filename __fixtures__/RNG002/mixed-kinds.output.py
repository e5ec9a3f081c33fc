import random
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
        if isinstance(rng, np.random.Generator):
            rng.bit_generator.state = type(rng.bit_generator)(seed).state
        elif isinstance(rng, np.random.RandomState):
            rng.set_state(np.random.RandomState(np.random.MT19937(seed)).get_state())
        else:
            rng.seed(seed)
    return rng


class MixedDataset(Dataset):
    def __init__(self):
        self.generator = np.random.default_rng(1)
        self.state = np.random.RandomState(2)
        self.python_rng = random.Random(3)

    def __len__(self):
        return 16

    def __getitem__(self, index):
        return (
            _reseed_for_worker(self.generator).random(),
            _reseed_for_worker(self.state).rand(),
            _reseed_for_worker(self.python_rng).random(),
        )


loader = DataLoader(MixedDataset(), num_workers=2)
