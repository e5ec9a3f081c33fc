import multiprocessing
import os

import numpy as np
from tensorflow import keras


_seeded_process = None


def _seed_worker_process():
    # Keras runs this dataset in a pool of processes that start with copies of
    # the parent's random state; reseed once in each worker process.
    global _seeded_process
    if multiprocessing.parent_process() is not None and _seeded_process != os.getpid():
        _seeded_process = os.getpid()
        np.random.seed()


class TokenBatches(keras.utils.Sequence):
    def __init__(self, sentences):
        self.sentences = sentences

    def __len__(self):
        return len(self.sentences)

    def __getitem__(self, index):
        _seed_worker_process()
        tokens = self.sentences[index].split()
        np.random.shuffle(tokens)
        return tokens, len(tokens)


def train(model, sentences):
    model.fit(TokenBatches(sentences), epochs=3, workers=4, use_multiprocessing=True)
