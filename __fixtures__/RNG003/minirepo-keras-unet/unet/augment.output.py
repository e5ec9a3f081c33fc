import multiprocessing
import os

import numpy as np


_rng_processes = {}


def _reseed_in_worker_process(rng):
    # An RNG object made before Keras starts its worker processes is copied into
    # each of them with the same state; reseed each copy once per process.
    if multiprocessing.parent_process() is not None and _rng_processes.get(id(rng)) != os.getpid():
        _rng_processes[id(rng)] = os.getpid()
        rng.seed()
    return rng


class Augmenter:
    def __init__(self, flip_prob=0.5, seed=None):
        self.flip_prob = flip_prob
        self.random_state = np.random.RandomState(seed)

    def __call__(self, image, mask):
        if _reseed_in_worker_process(self.random_state).rand() < self.flip_prob:  # expect: RNG003
            image, mask = image[:, ::-1], mask[:, ::-1]
        k = np.random.randint(4)  # expect: RNG003
        return np.rot90(image, k), np.rot90(mask, k)
