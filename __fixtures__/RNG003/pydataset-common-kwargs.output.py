import multiprocessing
import os

import keras
import numpy as np


_rng_processes = {}


def _reseed_in_worker_process(rng):
    # An RNG object made before Keras starts its worker processes is copied into
    # each of them with the same state; reseed each copy once per process.
    if multiprocessing.parent_process() is not None and _rng_processes.get(id(rng)) != os.getpid():
        _rng_processes[id(rng)] = os.getpid()
        rng.bit_generator.state = type(rng.bit_generator)().state
    return rng


_seeded_process = None


def _seed_worker_process():
    # Keras runs this dataset in a pool of processes that start with copies of
    # the parent's random state; reseed once in each worker process.
    global _seeded_process
    if multiprocessing.parent_process() is not None and _seeded_process != os.getpid():
        _seeded_process = os.getpid()
        np.random.seed()


class NoisyBatches(keras.utils.PyDataset):
    def __init__(self, x, batch_size=16, seed=0, **kwargs):
        super().__init__(**kwargs)
        self.x = x
        self.batch_size = batch_size
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        return len(self.x) // self.batch_size

    def __getitem__(self, idx):
        xb = self.x[idx * self.batch_size:(idx + 1) * self.batch_size]
        return xb + _reseed_in_worker_process(self.rng).normal(0.0, 0.1, size=xb.shape), xb  # expect: RNG003


class ShiftedBatches(keras.utils.PyDataset):
    def __init__(self, x, max_shift=2, **kwargs):
        super().__init__(**kwargs)
        self.x = x
        self.max_shift = max_shift

    def __len__(self):
        return len(self.x)

    def __getitem__(self, idx):
        _seed_worker_process()
        shift = np.random.randint(-self.max_shift, self.max_shift + 1)  # expect: RNG003
        return np.roll(self.x[idx:idx + 1], shift, axis=-1), self.x[idx:idx + 1]


LOADER_ARGS = dict(workers=4, use_multiprocessing=True, max_queue_size=8)


def make_datasets(x, **common):
    return NoisyBatches(x, **common), ShiftedBatches(x, **common)


if __name__ == "__main__":
    data = np.zeros((256, 32), dtype="float32")
    noisy, shifted = make_datasets(data, **LOADER_ARGS)
    model = keras.Sequential([keras.layers.Dense(32)])
    model.compile("adam", "mse")
    model.fit(noisy, epochs=2)
    model.fit(shifted, epochs=2)
