import numpy as np
from torch.utils.data import DataLoader, Dataset


def worker_init_fn(worker_id):
    np.random.seed(42 + worker_id)  # expect: RNG004


class PatchDataset(Dataset):
    def __len__(self):
        return 64

    def __getitem__(self, index):
        return np.random.rand(4)


def train(epochs, workers=4):
    loader = DataLoader(PatchDataset(), batch_size=8, num_workers=workers, worker_init_fn=worker_init_fn)
    for epoch in range(epochs):
        # A new iterator, and new workers seeded alike, every epoch.
        batches = iter(loader)
        for step in range(len(loader)):
            batch = next(batches)
