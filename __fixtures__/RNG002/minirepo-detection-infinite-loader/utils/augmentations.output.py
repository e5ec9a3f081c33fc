import math
import random
import sys

import numpy as np
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
        rng.bit_generator.state = type(rng.bit_generator)(seed).state
    return rng


def random_perspective(img, labels, degrees=10.0, scale=0.5):
    # Global RNGs, reseeded per worker by seed_worker: not reported.
    angle = random.uniform(-degrees, degrees)
    s = random.uniform(1 - scale, 1 + scale)
    c, d = math.cos(math.radians(angle)) * s, math.sin(math.radians(angle)) * s
    labels = labels.copy()
    labels[:, 1:3] = labels[:, 1:3] @ np.array([[c, -d], [d, c]])
    return img, labels


class MixUp:
    """Blend two samples; the Beta draw uses a Generator made with the dataset."""

    def __init__(self, alpha=32.0, seed=0):
        self.alpha = alpha
        self.rng = np.random.default_rng(seed)

    def __call__(self, im, labels, im2, labels2):
        r = _reseed_for_worker(self.rng).beta(self.alpha, self.alpha)  # expect: RNG002
        im = (im * r + im2 * (1 - r)).astype(im.dtype)
        return im, np.concatenate((labels, labels2), 0)
