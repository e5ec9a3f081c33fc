import random

import numpy as np
import torch


def set_seed(seed, gl_seed=0):
    # Used both to seed the run and, through partial, as the loaders' worker_init_fn.
    if seed >= 0 and gl_seed >= 0:
        seed += gl_seed
        torch.manual_seed(seed)
        np.random.seed(seed)
        random.seed(seed)
