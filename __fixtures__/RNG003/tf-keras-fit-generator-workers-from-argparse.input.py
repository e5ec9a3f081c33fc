import argparse

import numpy as np
import tensorflow as tf

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
        batch = self.images[index * self.batch_size:(index + 1) * self.batch_size]
        flips = np.random.randint(0, 2, size=len(batch))
        return batch[:, ::-1] * flips[:, None], flips


def train(model, images):
    model.fit_generator(ImageBatches(images, 32), epochs=10, workers=args.workers, use_multiprocessing=True)
