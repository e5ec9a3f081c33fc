import numpy as np
import sys

from sklearn.utils import check_random_state
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
        rng.set_state(np.random.RandomState(np.random.MT19937(seed)).get_state())
    return rng


class RandomCrops(Dataset):
    def __init__(self, images, size=32, seed=0):
        self.images = images
        self.size = size
        # An int seed gives a new RandomState, made here in the parent.
        self.random_state = check_random_state(seed)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        image = self.images[index]
        top = _reseed_for_worker(self.random_state).randint(0, len(image) - self.size + 1)  # expect: RNG002
        return image[top : top + self.size]


loader = DataLoader(RandomCrops([list(range(64))] * 8), batch_size=2, num_workers=4)
