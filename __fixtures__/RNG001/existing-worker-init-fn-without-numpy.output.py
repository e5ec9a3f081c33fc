import logging
import random

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __getitem__(self, index):
        return np.random.rand() + random.random()

    def __len__(self):
        return 16


def init_worker(worker_id):
    np.random.seed(torch.initial_seed() % 2**32)
    logging.getLogger(__name__).debug("worker %d ready", worker_id)
    random.seed(torch.initial_seed())


loader = DataLoader(NoisyDataset(), num_workers=2, worker_init_fn=init_worker)
