import random
from functools import partial

import numpy as np
import torch
from torch.utils.data import DataLoader

from .registry import DATASETS


def build_dataset(cfg):
    return DATASETS.build(cfg)


def worker_init_fn(worker_id, num_workers, rank, seed):
    worker_seed = num_workers * rank + worker_id + seed
    np.random.seed(worker_seed)  # expect: RNG004
    random.seed(worker_seed)  # expect: RNG004
    torch.manual_seed(worker_seed)  # expect: RNG004


def build_dataloader(dataset, samples_per_gpu, workers_per_gpu, rank=0, seed=None):
    init_fn = partial(
        worker_init_fn, num_workers=workers_per_gpu, rank=rank, seed=seed
    ) if seed is not None else None
    return DataLoader(
        dataset,
        batch_size=samples_per_gpu,
        num_workers=workers_per_gpu,
        shuffle=True,
        worker_init_fn=init_fn,
    )
