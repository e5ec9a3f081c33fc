import multiprocessing
import os

import numpy as np
from keras.utils import Sequence


_rng_processes = {}


def _reseed_in_worker_process(rng):
    # An RNG object made before Keras starts its worker processes is copied into
    # each of them with the same state; reseed each copy once per process.
    if multiprocessing.parent_process() is not None and _rng_processes.get(id(rng)) != os.getpid():
        _rng_processes[id(rng)] = os.getpid()
        rng.bit_generator.state = type(rng.bit_generator)().state
    return rng


class NoisyBatches(Sequence):
    def __init__(self, seed=0):
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        return 8

    def __getitem__(self, index):
        return _reseed_in_worker_process(self.rng).normal(size=(2, 3)), np.zeros(2)


def predict(model):
    dataset = NoisyBatches()
    return model.predict(dataset, workers=3, use_multiprocessing=True)
