import numpy as np
import torch

from vision.datasets import ImageDataset


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


def build(images, config):
    return torch.utils.data.DataLoader(
        ImageDataset(images),
        batch_size=config["batch_size"],
        num_workers=config["workers"],  # from the command line
        worker_init_fn=seed_worker,
    )
