import sys

import numpy as np
from numpy import random

from .registry import PIPELINES
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
        rng.set_state(random.RandomState(random.MT19937(seed)).get_state())
    return rng


@PIPELINES.register_module()
class Compose:
    def __init__(self, transforms):
        self.transforms = [PIPELINES.build(t) if isinstance(t, dict) else t for t in transforms]

    def __call__(self, results):
        for t in self.transforms:
            results = t(results)
        return results


@PIPELINES.register_module()
class RandomFlip:
    def __init__(self, prob=0.5, seed=None):
        self.prob = prob
        self.rng = np.random.RandomState(seed)

    def __call__(self, results):
        if _reseed_for_worker(self.rng).rand() < self.prob:  # expect: RNG002 (through a registry filled by class decorators)
            results["img"] = results["img"][:, ::-1]
            results["gt"] = results["gt"][:, ::-1]
        return results


@PIPELINES.register_module()
class PhotoMetricDistortion:
    def __init__(self, brightness_delta=32):
        self.brightness_delta = brightness_delta

    def __call__(self, results):
        if random.randint(2):  # RNG004 at the worker_init_fn, not RNG001 here
            delta = random.uniform(-self.brightness_delta, self.brightness_delta)  # RNG004 at the worker_init_fn, not RNG001 here
            results["img"] = np.clip(results["img"] + delta, 0, 255)
        return results
