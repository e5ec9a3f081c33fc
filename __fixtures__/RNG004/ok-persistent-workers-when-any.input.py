import numpy as np
from torch.utils.data import DataLoader, Dataset

SEED = 1234


def worker_init_fn(worker_id):
    # Once per worker for the whole run: whenever there are workers, they persist.
    np.random.seed(SEED + worker_id)


class CropDataset(Dataset):
    def __len__(self):
        return 64

    def __getitem__(self, index):
        return np.random.randint(0, 32)


def make_loader(num_workers=4):
    # torch refuses persistent_workers=True without workers, hence the comparison.
    return DataLoader(
        CropDataset(),
        batch_size=8,
        num_workers=num_workers,
        persistent_workers=num_workers > 0,
        worker_init_fn=worker_init_fn,
    )


def make_eval_loader(cfg):
    workers = cfg.get("workers", 2)
    return DataLoader(CropDataset(), num_workers=workers, persistent_workers=True if workers > 0 else False, worker_init_fn=worker_init_fn)
