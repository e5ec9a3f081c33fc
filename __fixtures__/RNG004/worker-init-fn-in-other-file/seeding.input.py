import numpy as np

BASE_SEED = 1234


def worker_init_fn(worker_id):
    np.random.seed(BASE_SEED + worker_id)
