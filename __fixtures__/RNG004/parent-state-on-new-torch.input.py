# fixture: --torch-version 1.9
import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return np.random.rand()


def worker_init_fn(worker_id):
    np.random.seed(np.random.get_state()[1][0] + worker_id)  # expect: RNG004


loader = DataLoader(NoisyDataset(), num_workers=2, worker_init_fn=worker_init_fn)
