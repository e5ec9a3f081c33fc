import multiprocessing
import os

import numpy as np
from tensorflow import keras

from .augment import Augmenter


_seeded_process = None


def _seed_worker_process():
    # Keras runs this dataset in a pool of processes that start with copies of
    # the parent's random state; reseed once in each worker process.
    global _seeded_process
    if multiprocessing.parent_process() is not None and _seeded_process != os.getpid():
        _seeded_process = os.getpid()
        np.random.seed()


class SegmentationSequence(keras.utils.Sequence):
    def __init__(self, images, masks, batch_size, augmenter=None, shuffle=True):
        self.images = images
        self.masks = masks
        self.batch_size = batch_size
        self.augmenter = augmenter
        self.shuffle = shuffle
        self.indexes = np.arange(len(images))
        self.on_epoch_end()

    def __len__(self):
        return len(self.images) // self.batch_size

    def on_epoch_end(self):
        # Runs in the main process: not reported.
        if self.shuffle:
            np.random.shuffle(self.indexes)

    def __getitem__(self, idx):
        _seed_worker_process()
        ids = self.indexes[idx * self.batch_size:(idx + 1) * self.batch_size]
        pairs = [(self.images[i], self.masks[i]) for i in ids]
        if self.augmenter is not None:
            pairs = [self.augmenter(img, msk) for img, msk in pairs]
        xs, ys = zip(*pairs)
        return np.stack(xs), np.stack(ys)


def make_generators(cfg, images, masks):
    split = int(len(images) * cfg["train_fraction"])
    train = SegmentationSequence(
        images[:split], masks[:split], cfg["batch_size"], augmenter=Augmenter(seed=cfg["seed"])
    )
    val = SegmentationSequence(images[split:], masks[split:], cfg["batch_size"], shuffle=False)
    return train, val
