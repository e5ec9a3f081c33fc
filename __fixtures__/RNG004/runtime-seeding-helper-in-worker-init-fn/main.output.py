from functools import partial
from types import SimpleNamespace

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info

from tools import set_seed


class JitterDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return np.random.rand(2)


def worker_init_fn(worker_id, conf):
    info = get_worker_info()
    set_seed(torch.initial_seed() % 2**32)


def make_loader(num_workers):
    conf = SimpleNamespace(seed=3, workers=num_workers)
    return DataLoader(JitterDataset(), batch_size=2, num_workers=conf.workers, worker_init_fn=partial(worker_init_fn, conf=conf))
