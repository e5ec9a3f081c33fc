import argparse
import functools
import random

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class JitteredPoints(Dataset):
    def __init__(self, n):
        self.points = torch.zeros(n, 3)

    def __len__(self):
        return len(self.points)

    def __getitem__(self, index):
        shift = np.random.uniform(-0.1, 0.1, size=3)  # RNG004 at the worker_init_fn, not RNG001 here
        return self.points[index] + torch.from_numpy(shift).float()


def seed_fn(worker_id, seed):
    # Same seed in every epoch: workers differ, epochs repeat.
    np.random.seed(torch.initial_seed() % 2**32)  # expect: RNG004
    random.seed(torch.initial_seed())  # expect: RNG004


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    loader = DataLoader(
        JitteredPoints(64),
        batch_size=8,
        num_workers=args.workers,
        worker_init_fn=functools.partial(seed_fn, seed=args.seed),
    )
    for batch in loader:
        print(batch.shape)


if __name__ == "__main__":
    main()
