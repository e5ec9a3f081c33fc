import random
import sys

from PIL import ImageFilter, ImageOps
from torch.utils.data import get_worker_info


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
        rng.seed(seed)
    return rng


class TwoCropsTransform:
    """Two independently augmented views of one image (query and key)."""

    def __init__(self, base_transform):
        self.base_transform = base_transform

    def __call__(self, x):
        q = self.base_transform(x)
        k = self.base_transform(x)
        return [q, k]


class GaussianBlur:
    def __init__(self, sigma=(0.1, 2.0), seed=None):
        self.sigma = sigma
        self.rng = random.Random(seed)

    def __call__(self, x):
        sigma = _reseed_for_worker(self.rng).uniform(self.sigma[0], self.sigma[1])  # expect: RNG002
        return x.filter(ImageFilter.GaussianBlur(radius=sigma))


class Solarize:
    def __init__(self, p=0.2):
        self.p = p

    def __call__(self, x):
        # Python's global random: torch reseeds it in every worker, not reported.
        if random.random() < self.p:
            return ImageOps.solarize(x)
        return x
