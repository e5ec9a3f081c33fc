"""Training entry point."""
import numpy as np
import torch
from torch.utils.data import DataLoader

from child import FlipDataset


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


def main(args):
    dataset = FlipDataset(["abc", "def"])
    loader = DataLoader(dataset, batch_size=args.batch_size, num_workers=args.workers, worker_init_fn=seed_worker)
    for batch in loader:
        print(batch)
