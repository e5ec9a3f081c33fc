"""Helpers that rng-fix added: DataLoader (and Keras) workers start with copies of the
parent process's random state; these reseed it once in each worker.
"""

import multiprocessing
import os

import numpy as np


_seeded_process = None


def seed_worker_process():
    # Keras runs this dataset in a pool of processes that start with copies of
    # the parent's random state; reseed once in each worker process.
    global _seeded_process
    if multiprocessing.parent_process() is not None and _seeded_process != os.getpid():
        _seeded_process = os.getpid()
        np.random.seed()


_rng_processes = {}


def reseed_in_worker_process(rng):
    # An RNG object made before Keras starts its worker processes is copied into
    # each of them with the same state; reseed each copy once per process.
    if multiprocessing.parent_process() is not None and _rng_processes.get(id(rng)) != os.getpid():
        _rng_processes[id(rng)] = os.getpid()
        if isinstance(rng, np.random.Generator):
            rng.bit_generator.state = type(rng.bit_generator)().state
        else:
            rng.seed()
    return rng
