import multiprocessing
import os

import numpy as np
from keras.utils import PyDataset


_rng_processes = {}


def _reseed_in_worker_process(rng):
    # An RNG object made before Keras starts its worker processes is copied into
    # each of them with the same state; reseed each copy once per process.
    if multiprocessing.parent_process() is not None and _rng_processes.get(id(rng)) != os.getpid():
        _rng_processes[id(rng)] = os.getpid()
        if isinstance(rng, np.random.Generator):
            rng.bit_generator.state = type(rng.bit_generator)().state
        else:
            rng.seed()
    return rng


_seeded_process = None


def _seed_worker_process():
    # Keras runs this dataset in a pool of processes that start with copies of
    # the parent's random state; reseed once in each worker process.
    global _seeded_process
    if multiprocessing.parent_process() is not None and _seeded_process != os.getpid():
        _seeded_process = os.getpid()
        np.random.seed()


class Jitter:
    def __init__(self):
        self.state = np.random.RandomState(3)

    def __call__(self, batch):
        return np.concatenate([batch, _reseed_in_worker_process(self.state).rand(len(batch), 1)], axis=1)


class MixedBatches(PyDataset):
    """Columns: a Generator's draws, NumPy's global RNG, a RandomState's."""

    def __init__(self, workers=1, use_multiprocessing=False):
        super().__init__(workers=workers, use_multiprocessing=use_multiprocessing)
        self.generator = np.random.default_rng(1)
        self.jitter = Jitter()

    def __len__(self):
        return 8

    def __getitem__(self, index):
        _seed_worker_process()
        batch = np.concatenate([_reseed_in_worker_process(self.generator).random((2, 2)), np.random.rand(2, 1)], axis=1)
        return self.jitter(batch), np.zeros(2)


def make_dataset(workers, use_multiprocessing):
    return MixedBatches(workers=workers, use_multiprocessing=use_multiprocessing)
