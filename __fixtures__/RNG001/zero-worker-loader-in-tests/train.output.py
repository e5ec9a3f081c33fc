import argparse

import numpy as np
import torch
from torch.utils.data import DataLoader

from data import RandomCropDataset


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args()
    dataset = RandomCropDataset(np.zeros((64, 48, 32, 32)))
    loader = DataLoader(dataset, batch_size=4, shuffle=True, num_workers=args.workers, worker_init_fn=seed_worker)
    for epoch in range(10):
        for batch in loader:
            pass


if __name__ == "__main__":
    main()
