import numpy as np
from torch.utils.data import DataLoader, Dataset


def worker_init_fn(worker_id):
    np.random.seed(42 + worker_id)


class PatchStream(Dataset):
    def __len__(self):
        return 10**9

    def __getitem__(self, index):
        return np.random.rand(4)


class Trainer:
    def __init__(self, workers):
        self.loader = DataLoader(PatchStream(), batch_size=8, num_workers=workers, worker_init_fn=worker_init_fn)
        # Iteration-based training: one iterator for the whole run, so each worker is seeded once.
        self.batches = iter(self.loader)

    def train(self, steps):
        for step in range(steps):
            batch = next(self.batches)
