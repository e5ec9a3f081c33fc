from functools import partial

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def worker_init_fn(worker_id, seed):
    np.random.seed(torch.initial_seed() % 2**32)  # expect: RNG004


class CropDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return np.random.randint(0, 8)


def build_loader(cfg, dataset):
    loader_args = dict(batch_size=cfg.batch_size, num_workers=cfg.num_workers, pin_memory=True)
    if cfg.seed is not None:
        loader_args["worker_init_fn"] = partial(worker_init_fn, seed=cfg.seed)
    return DataLoader(dataset, **loader_args)


def train(cfg):
    for batch in build_loader(cfg, CropDataset()):
        pass
