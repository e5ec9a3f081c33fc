import numpy as np

from ._worker_rng import reseed_in_worker_process


class Augmenter:
    def __init__(self, flip_prob=0.5, seed=None):
        self.flip_prob = flip_prob
        self.random_state = np.random.RandomState(seed)

    def __call__(self, image, mask):
        if reseed_in_worker_process(self.random_state).rand() < self.flip_prob:  # expect: RNG003
            image, mask = image[:, ::-1], mask[:, ::-1]
        k = np.random.randint(4)  # expect: RNG003
        return np.rot90(image, k), np.rot90(mask, k)
