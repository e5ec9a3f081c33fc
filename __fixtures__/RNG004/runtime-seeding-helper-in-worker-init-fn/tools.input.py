import random

import numpy as np
import torch


def set_seed(seed):
    """Seeds every RNG the run uses: called at start-up, and by each worker."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
