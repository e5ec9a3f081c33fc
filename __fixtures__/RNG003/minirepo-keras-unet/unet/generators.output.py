import numpy as np
from tensorflow import keras

from .augment import Augmenter
from ._worker_rng import seed_worker_process


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
        seed_worker_process()
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
