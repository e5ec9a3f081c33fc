"""Runs a fixture program's DataLoader and prints what it yields, as JSON.

The program defines `make_loader(num_workers)`. Each measurement seeds Python,
NumPy and torch with the same seed, builds the loader, and reads it for the
given number of epochs; every sample becomes one row of rounded floats.

With --torch-before-1.9, torch's own reseeding of NumPy in each worker is
switched off (the HAS_NUMPY flag of torch/utils/data/_utils/worker.py), which is
how torch < 1.9 behaved; workers are forked, so they inherit the flag.
"""
import argparse
import json
import random
import sys
import warnings

import numpy as np
import torch
import torch.utils.data._utils.worker as torch_worker
from harness_support import load_program



def rows_of(batch):
    if isinstance(batch, (list, tuple)):
        columns = [np.asarray(part, dtype=np.float64).reshape(len(part), -1) for part in batch]
        array = np.concatenate(columns, axis=1)
    else:
        array = np.asarray(batch, dtype=np.float64)
        array = array.reshape(array.shape[0], -1) if array.ndim > 0 else array.reshape(1, 1)
    return [[round(float(value), 9) for value in row] for row in array]


def read_epochs(program, num_workers, epochs, seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    loader = program.make_loader(num_workers)
    return [[row for batch in loader for row in rows_of(batch)] for _ in range(epochs)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("program")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--torch-before-1.9", dest="before_19", action="store_true")
    args = parser.parse_args()
    # More workers than cores is the point of the measurement.
    warnings.filterwarnings("ignore", message="This DataLoader will create")
    if args.before_19:
        torch_worker.HAS_NUMPY = False
    program = load_program(args.program)
    result = {
        "workers": read_epochs(program, args.workers, args.epochs, args.seed),
        "main": read_epochs(program, 0, args.epochs, args.seed),
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
