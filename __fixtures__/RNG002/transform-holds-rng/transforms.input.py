import numpy as np


class RandomFlip:
    def __init__(self, p=0.5, seed=None):
        self.p = p
        self.rng = np.random.default_rng(seed)

    def __call__(self, sample):
        if self.rng.random() < self.p:
            return sample[::-1]
        return sample


class Compose:
    def __init__(self, steps):
        self.steps = steps

    def __call__(self, sample):
        for step in self.steps:
            sample = step(sample)
        return sample
