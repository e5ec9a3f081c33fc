import numpy as np

from compat import Source


class Noisy(Source):
    def augment(self, value):
        return value + np.random.rand()  # expect: RNG001
