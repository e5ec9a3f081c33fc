# OpenMMLab's worker_init_fn seeds from the configured seed and the worker id:
# the same in every epoch, unless the workers live for the whole run.
from functools import partial

import numpy as np
from mmengine.dataset import worker_init_fn
from torch.utils.data import DataLoader, Dataset


class PointsDataset(Dataset):
    def __len__(self):
        return 64

    def __getitem__(self, index):
        return np.random.rand(3)


def build_dataloader(dataset, num_workers, rank, seed=None, persistent_workers=False):
    init_fn = partial(worker_init_fn, num_workers=num_workers, rank=rank, seed=seed) if seed is not None else None
    return DataLoader(dataset, batch_size=4, num_workers=num_workers, worker_init_fn=init_fn, persistent_workers=persistent_workers)


def build_persistent_dataloader(dataset, num_workers, rank, seed):
    init_fn = partial(worker_init_fn, num_workers=num_workers, rank=rank, seed=seed)
    return DataLoader(dataset, batch_size=4, num_workers=num_workers, worker_init_fn=init_fn, persistent_workers=True)


def main(cfg):
    train = build_dataloader(PointsDataset(), num_workers=4, rank=0, seed=cfg.seed)
    val = build_persistent_dataloader(PointsDataset(), num_workers=2, rank=0, seed=cfg.seed)
    return train, val
