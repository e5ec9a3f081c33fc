import numpy as np
import torch

BASE_SEED = 1234


def worker_init_fn(worker_id):
    np.random.seed(torch.initial_seed() % 2**32)
