from functools import partial

import numpy as np
from torch.utils.data import DataLoader, Dataset


def worker_init_fn(worker_id, num_workers, rank, seed):
    # Seeds only when the run asks for deterministic workers.
    if seed is not None:
        np.random.seed(num_workers * rank + worker_id + seed)


class ClipDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return index


def build_dataloader(dataset, workers, rank=0):
    init_fn = partial(worker_init_fn, num_workers=workers, rank=rank, seed=None)
    return DataLoader(ClipDataset(), batch_size=4, num_workers=workers, worker_init_fn=init_fn)
