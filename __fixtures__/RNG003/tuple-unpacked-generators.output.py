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


class AugmentedBatches(tf.keras.utils.Sequence):
    def __init__(self, x, y, batch_size, augment):
        self.x = x
        self.y = y
        self.batch_size = batch_size
        self.augment = augment

    def __len__(self):
        return int(np.ceil(len(self.x) / self.batch_size))

    def __getitem__(self, idx):
        _seed_worker_process()
        sl = slice(idx * self.batch_size, (idx + 1) * self.batch_size)
        xb, yb = self.x[sl], self.y[sl]
        if self.augment:
            xb = xb + np.random.normal(0.0, 0.05, size=xb.shape)  # expect: RNG003
        return xb, yb


def make_generators(x, y, batch_size=32, split=0.8):
    n = int(len(x) * split)
    train = AugmentedBatches(x[:n], y[:n], batch_size, augment=True)
    val = AugmentedBatches(x[n:], y[n:], batch_size, augment=False)
    return train, val


def main():
    x = np.random.rand(512, 16).astype("float32")
    y = (x.sum(axis=1) > 8).astype("float32")
    model = tf.keras.Sequential([tf.keras.layers.Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy")
    train_gen, val_gen = make_generators(x, y)
    model.fit(train_gen, validation_data=val_gen, epochs=3, workers=4, use_multiprocessing=True)


if __name__ == "__main__":
    main()
