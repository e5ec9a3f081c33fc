import multiprocessing
import os

import numpy as np
from keras.utils import PyDataset


_seeded_process = None


def _seed_worker_process():
    # Keras runs this dataset in a pool of processes that start with copies of
    # the parent's random state; reseed once in each worker process.
    global _seeded_process
    if multiprocessing.parent_process() is not None and _seeded_process != os.getpid():
        _seeded_process = os.getpid()
        np.random.seed()


class NoisyBatches(PyDataset):
    def __init__(self, workers=1, use_multiprocessing=False):
        super().__init__(workers=workers, use_multiprocessing=use_multiprocessing)

    def __len__(self):
        return 8

    def __getitem__(self, index):
        _seed_worker_process()
        return np.random.rand(2, 3), np.zeros(2)


def make_dataset(workers, use_multiprocessing):
    return NoisyBatches(workers=workers, use_multiprocessing=use_multiprocessing)
