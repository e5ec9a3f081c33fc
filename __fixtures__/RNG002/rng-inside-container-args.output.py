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


# The constructor arguments are a list and a dict that HOLD an RNG: the stored
# attributes (`self.helpers`, `self.options`) are not RNGs themselves, so a fix
# must not replace or reseed those attributes as if they were. The RNG inside
# them is still made in the parent and drawn in the workers: RNG002 at the two
# draws below, nowhere else.


class HelperDataset(Dataset):
    def __init__(self, helpers):
        self.helpers = helpers

    def __len__(self):
        return 8

    def __getitem__(self, index):
        return index + _reseed_for_worker(self.helpers[0]).random()  # expect: RNG002


class OptionsDataset(Dataset):
    def __init__(self, options):
        self.options = options
        self.scale = options.get("scale", 1.0)

    def __len__(self):
        return 8

    def __getitem__(self, index):
        return self.scale * _reseed_for_worker(self.options["rng"]).normal()  # expect: RNG002


rng = np.random.default_rng(0)
a = DataLoader(HelperDataset([rng]), num_workers=2)
b = DataLoader(OptionsDataset(dict(rng=rng, scale=2.0)), num_workers=2)
