import random
from functools import partial

import numpy as np
from mmcv.utils.parrots_wrapper import DataLoader, PoolDataLoader


def build_dataloader(dataset, workers_per_gpu=4, seed=None, dataloader_type="PoolDataLoader"):
    # mmcv hands out torch's DataLoader under both names.
    init_fn = partial(worker_init_fn, num_workers=workers_per_gpu, rank=0, seed=seed) if seed is not None else None
    if dataloader_type == "PoolDataLoader":
        dataloader = PoolDataLoader
    elif dataloader_type == "DataLoader":
        dataloader = DataLoader
    return dataloader(dataset, batch_size=2, num_workers=workers_per_gpu, worker_init_fn=init_fn)


def worker_init_fn(worker_id, num_workers, rank, seed):
    worker_seed = num_workers * rank + worker_id + seed
    np.random.seed(worker_seed)  # expect: RNG004
    random.seed(worker_seed)  # expect: RNG004
