"""Reads a fixture program's Keras PyDataset for two epochs through Keras's own
data adapter (the code `model.fit` uses) and prints the rows, as JSON.

The program defines `make_dataset(workers, use_multiprocessing)`. Each
measurement seeds NumPy and Python's `random`, builds the dataset, and reads it
epoch by epoch; every sample becomes one row of rounded floats. Keras runs on
the torch backend.
"""
import argparse
import json
import os
import random
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")

import numpy as np  # noqa: E402
from harness_support import input_rows, load_program  # noqa: E402
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("program")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()
    program = load_program(args.program)
    result = {
        "workers": read_epochs(program, args.workers, True, args.epochs, args.seed),
        "threads": read_epochs(program, args.workers, False, args.epochs, args.seed),
        "main": read_epochs(program, 0, False, args.epochs, args.seed),
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
