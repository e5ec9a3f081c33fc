"""What the runtime harnesses share: loading a fixture program, and turning batches into rows."""
import importlib.util
import sys

import numpy as np


def load_program(path):
    """Imports the program under one module name, so forked workers find its classes."""
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
