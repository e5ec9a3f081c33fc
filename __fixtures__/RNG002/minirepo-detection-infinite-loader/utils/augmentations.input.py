import math
import random

import numpy as np


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
        r = self.rng.beta(self.alpha, self.alpha)  # expect: RNG002
        im = (im * r + im2 * (1 - r)).astype(im.dtype)
        return im, np.concatenate((labels, labels2), 0)
