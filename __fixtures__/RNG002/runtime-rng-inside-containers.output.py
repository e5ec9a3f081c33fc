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


# The constructor gets a list and a dict that hold the RNG: the attributes are
# containers, and the fix reseeds the RNG inside them, never the containers.


class HelperDataset(Dataset):
    def __init__(self, helpers, options):
        self.helpers = helpers
        self.options = options

    def __len__(self):
        return 16

    def __getitem__(self, index):
        first = _reseed_for_worker(self.helpers[0]).random()  # expect: RNG002
        second = _reseed_for_worker(self.options["rng"]).random()  # expect: RNG002
        return np.array([first, second])


def make_loader(num_workers):
    rng = np.random.default_rng(0)
    return DataLoader(HelperDataset([rng], dict(rng=rng, scale=2.0)), batch_size=2, num_workers=num_workers)
