import multiprocessing
import os

import numpy as np
import tensorflow as tf


_seeded_process = None


def _seed_worker_process():
    # Keras runs this dataset in a pool of processes that start with copies of
    # the parent's random state; reseed once in each worker process.
    global _seeded_process
    if multiprocessing.parent_process() is not None and _seeded_process != os.getpid():
        _seeded_process = os.getpid()
        np.random.seed()


_rng_processes = {}


def _reseed_in_worker_process(rng):
    # An RNG object made before Keras starts its worker processes is copied into
    # each of them with the same state; reseed each copy once per process.
    if multiprocessing.parent_process() is not None and _rng_processes.get(id(rng)) != os.getpid():
        _rng_processes[id(rng)] = os.getpid()
        rng.bit_generator.state = type(rng.bit_generator)().state
    return rng


class NoisyBatches(tf.keras.utils.Sequence):
    def __init__(self):
        self.rng = np.random.default_rng(7)

    def __len__(self):
        return 8

    def __getitem__(self, index):
        _seed_worker_process()
        batch = np.concatenate([np.random.rand(2, 2), _reseed_in_worker_process(self.rng).random((2, 1))], axis=1)
        return batch, np.zeros(2)


def make_sequence():
    return NoisyBatches()


def train(model):
    model.fit(make_sequence(), epochs=2, workers=4, use_multiprocessing=True)
