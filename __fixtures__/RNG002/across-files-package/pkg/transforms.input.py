import numpy as np


class RandomFlip:
    def __init__(self, p=0.5, seed=None):
        self.p = p
        self.rng = np.random.RandomState(seed)

    def __call__(self, image):
        if self.rng.rand() < self.p:  # expect: RNG002
            return image[:, ::-1]
        return image


def build_transforms(seed=None):
    return [RandomFlip(seed=seed)]
