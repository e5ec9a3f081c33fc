import argparse
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


parser = argparse.ArgumentParser()
parser.add_argument("--workers", type=int, default=4)
args = parser.parse_args()


class ImageBatches(tf.keras.utils.Sequence):
    def __init__(self, images, batch_size):
        self.images = images
        self.batch_size = batch_size

    def __len__(self):
        return len(self.images) // self.batch_size

    def __getitem__(self, index):
        _seed_worker_process()
        batch = self.images[index * self.batch_size:(index + 1) * self.batch_size]
        flips = np.random.randint(0, 2, size=len(batch))
        return batch[:, ::-1] * flips[:, None], flips


def train(model, images):
    model.fit_generator(ImageBatches(images, 32), epochs=10, workers=args.workers, use_multiprocessing=True)
