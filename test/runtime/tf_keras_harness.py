"""Reads a fixture program's tf.keras (Keras 2) Sequence for two epochs through
Keras 2's own OrderedEnqueuer (what `model.fit(..., use_multiprocessing=True)`
uses; it builds a new process pool every epoch) and prints the rows, as JSON.

The program defines `make_sequence()`. Each measurement seeds NumPy and
Python's `random`; every sample becomes one row of rounded floats.
"""
import os
import random

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from harness_support import input_rows, run_keras_measurements  # noqa: E402




def read_epochs(program, workers, use_multiprocessing, epochs, seed):
    random.seed(seed)
    np.random.seed(seed)
    sequence = program.make_sequence()
    if workers == 0:
        result = []
        for _ in range(epochs):
            result.append([row for index in range(len(sequence)) for row in input_rows(sequence[index])])
            sequence.on_epoch_end()
        return result
    enqueuer = tf.keras.utils.OrderedEnqueuer(sequence, use_multiprocessing=use_multiprocessing, shuffle=False)
    enqueuer.start(workers=workers, max_queue_size=10)
    batches = enqueuer.get()
    try:
        return [[row for _ in range(len(sequence)) for row in input_rows(next(batches))] for _ in range(epochs)]
    finally:
        enqueuer.stop()


if __name__ == "__main__":
    run_keras_measurements(read_epochs)
