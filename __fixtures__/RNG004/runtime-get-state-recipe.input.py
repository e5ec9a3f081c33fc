# fixture: --torch-version 2.1
import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return np.random.rand(2)


def worker_init_fn(worker_id):
    # The much-copied recipe: on torch >= 1.9 get_state()[1][0] is always 2**31 here.
    np.random.seed(np.random.get_state()[1][0] + worker_id)  # expect: RNG004


def make_loader(num_workers):
    return DataLoader(NoisyDataset(), batch_size=2, num_workers=num_workers, worker_init_fn=worker_init_fn)
