import random
import numpy as np
import torch
from torch.utils.data import Dataset, DataLoader

SEED = 1

def set_seed(seed):
    random.seed(seed)
    np.random.seed(seed)

# Persistent workers are seeded once each, and SEED + worker_id tells them apart.
def worker_init(worker_id):
    set_seed(SEED + worker_id)

class DS(Dataset):
    def __len__(self):
        return 10
    def __getitem__(self, i):
        return np.random.rand()

set_seed(SEED)
loader = DataLoader(DS(), num_workers=4, worker_init_fn=worker_init, persistent_workers=True)
