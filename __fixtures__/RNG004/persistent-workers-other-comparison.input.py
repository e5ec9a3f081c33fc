import numpy as np
from torch.utils.data import DataLoader, Dataset

SEED = 1234


def worker_init_fn(worker_id):
    np.random.seed(SEED + worker_id)  # expect: RNG004


class CropDataset(Dataset):
    def __len__(self):
        return 64

    def __getitem__(self, index):
        return np.random.randint(0, 32)


def make_loader(epochs, num_workers=4):
    # A comparison of something other than the worker count does not say the workers persist.
    return DataLoader(CropDataset(), num_workers=num_workers, persistent_workers=epochs > 0, worker_init_fn=worker_init_fn)
