import numpy as np
from numpy import random

from .registry import PIPELINES


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
        if self.rng.rand() < self.prob:  # expect: RNG002 (through a registry filled by class decorators)
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
