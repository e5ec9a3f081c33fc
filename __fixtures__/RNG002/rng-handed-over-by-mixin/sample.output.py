# A mixin hands the RNG object that the base it is combined with (chosen
# from a dict, in a factory) stores to helpers, one in a loop over a list of
# functions: the finding is at the first draw, the fix wraps the hand-over.
import numpy as np
import sys

from torch.utils.data import Dataset, get_worker_info

from image_ops import color_aug


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
        rng.set_state(np.random.RandomState(np.random.MT19937(seed)).get_state())
    return rng


class PoseSample(Dataset):
    def __getitem__(self, index):
        return color_aug(_reseed_for_worker(self._data_rng), self.images[index])
