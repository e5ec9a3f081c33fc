import numpy as np
import torch
from torch.utils.data import Dataset, DataLoader

def _np_seed(s):
    np.random.seed(s)

# set_seed also seeds the main process (main): only the worker_init_fn's call of it is rewritten.
def set_seed(seed):
    _np_seed(seed)
    torch.manual_seed(seed)

def worker_init(worker_id):
    set_seed(1234)  # expect: RNG004

class DS(Dataset):
    def __len__(self):
        return 10
    def __getitem__(self, i):
        return i

def main(seed):
    set_seed(seed)
    loader = DataLoader(DS(), num_workers=4, worker_init_fn=worker_init)
