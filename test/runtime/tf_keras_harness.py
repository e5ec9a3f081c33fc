"""Reads a fixture program's tf.keras (Keras 2) Sequence for two epochs through
Keras 2's own OrderedEnqueuer (what `model.fit(..., use_multiprocessing=True)`
uses; it builds a new process pool every epoch) and prints the rows, as JSON.

The program defines `make_sequence()`. Each measurement seeds NumPy and
Python's `random`; every sample becomes one row of rounded floats.
"""
import argparse
import json
import os
import random
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from harness_support import input_rows, load_program  # noqa: E402




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
