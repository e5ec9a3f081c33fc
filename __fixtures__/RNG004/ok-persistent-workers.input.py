import numpy as np
from torch.utils.data import DataLoader, Dataset

SEED = 1234


def worker_init_fn(worker_id):
    # Once per worker for the whole run: the workers persist, so their streams never restart.
    np.random.seed(SEED + worker_id)


class CropDataset(Dataset):
    def __len__(self):
        return 64

    def __getitem__(self, index):
        return np.random.randint(0, 32)


loader = DataLoader(CropDataset(), batch_size=8, num_workers=4, persistent_workers=True, worker_init_fn=worker_init_fn)
