# The dataset hands its RNG object to a classmethod and a staticmethod called
# through their class, with keyword-only and **kwargs parameters after it: the
# finding is at the draw from the parameter that receives the object.
import sys

import numpy as np
from torch.utils.data import DataLoader, Dataset, get_worker_info

from image_ops import ColorOps


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


class DetectionDataset(Dataset):
    def __init__(self, images):
        self.images = images
        self._data_rng = np.random.RandomState(123)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return ColorOps.color_aug(self.images[index], _reseed_for_worker(self._data_rng), scale=2.0)


loader = DataLoader(DetectionDataset([np.zeros(3)] * 8), batch_size=2, num_workers=4)
