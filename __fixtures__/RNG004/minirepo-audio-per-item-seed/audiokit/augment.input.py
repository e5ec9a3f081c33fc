import numpy as np


class SpecAugment:
    """Time masking; holds its own Generator, made when the transform is built."""

    def __init__(self, max_width=40, seed=0):
        self.max_width = max_width
        self.rng = np.random.default_rng(seed)

    def __call__(self, wave):
        width = int(self.rng.integers(0, self.max_width))  # expect: RNG002
        start = int(self.rng.integers(0, max(1, len(wave) - width)))  # expect: RNG002
        wave = wave.copy()
        wave[start:start + width] = 0.0
        return wave
