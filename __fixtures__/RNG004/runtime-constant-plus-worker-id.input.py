import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return np.random.rand(2)


def worker_init_fn(worker_id):
    np.random.seed(42 + worker_id)


def make_loader(num_workers):
    return DataLoader(NoisyDataset(), batch_size=2, num_workers=num_workers, worker_init_fn=worker_init_fn)
