import numpy as np
import torch
from torch.utils.data import DataLoader

from pkg.data import ScanDataset
from pkg.transforms import train_transforms


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


def main(workers=6):
    dataset = ScanDataset(np.ones((20, 16, 16)), transform=train_transforms())
    loader = DataLoader(dataset, batch_size=4, num_workers=workers, worker_init_fn=seed_worker)
    for batch in loader:
        pass


if __name__ == "__main__":
    main()
