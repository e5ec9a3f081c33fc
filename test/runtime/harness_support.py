"""What the runtime harnesses share: loading a fixture program, and turning batches into rows."""
import importlib.util
import os
import sys

import numpy as np


def load_program(path):
    """Imports the program under one module name, so forked workers find its classes.

    Its folder goes first on the import path, so that a program of several modules finds the others."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    spec = importlib.util.spec_from_file_location("fixture_program", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["fixture_program"] = module
    spec.loader.exec_module(module)
    return module


def input_rows(batch):
    """The inputs of a Keras batch `(inputs, targets)` as rows of rounded floats."""
    inputs = batch[0] if isinstance(batch, tuple) else batch
    array = np.asarray(inputs, dtype=np.float64)
    return [[round(float(value), 9) for value in row] for row in array.reshape(array.shape[0], -1)]


def run_keras_measurements(read_epochs):
    """The Keras harnesses' command line: read the program with worker processes,
    thread workers, and no workers, and print the rows as JSON.

    `read_epochs(program, workers, use_multiprocessing, epochs, seed)` reads one way.
    """
    import argparse
    import json

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
