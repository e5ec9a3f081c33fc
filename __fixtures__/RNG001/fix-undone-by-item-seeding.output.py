# fixture: --torch-version 1.8
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


class CropDataset(Dataset):
    def __init__(self, images):
        self.images = images
        self.seeded = False

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        # Seeded once, on the worker's first item: this undoes any per-worker seed set before.
        if not self.seeded:
            np.random.seed(index)  # expect: RNG004
            self.seeded = True
        top = np.random.randint(0, 4)  # expect: RNG001
        return self.images[index][top:top + 4]


loader = DataLoader(CropDataset([np.zeros((8, 8))] * 16), batch_size=4, num_workers=4, worker_init_fn=seed_worker)
