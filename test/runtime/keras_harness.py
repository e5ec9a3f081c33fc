"""Reads a fixture program's Keras PyDataset for two epochs through Keras's own
data adapter (the code `model.fit` uses) and prints the rows, as JSON.

The program defines `make_dataset(workers, use_multiprocessing)`. Each
measurement seeds NumPy and Python's `random`, builds the dataset, and reads it
epoch by epoch; every sample becomes one row of rounded floats. Keras runs on
the torch backend.
"""
import os
import random

os.environ.setdefault("KERAS_BACKEND", "torch")

import numpy as np  # noqa: E402
from harness_support import input_rows, run_keras_measurements  # noqa: E402
from keras.src.trainers.data_adapters.py_dataset_adapter import PyDatasetAdapter  # noqa: E402




def read_epochs(program, workers, use_multiprocessing, epochs, seed):
    random.seed(seed)
    np.random.seed(seed)
    adapter = PyDatasetAdapter(program.make_dataset(workers, use_multiprocessing), shuffle=False)
    result = []
    for _ in range(epochs):
        adapter.on_epoch_begin()
        result.append([row for batch in adapter.get_numpy_iterator() for row in input_rows(batch)])
        adapter.on_epoch_end()
    return result


if __name__ == "__main__":
    run_keras_measurements(read_epochs)
