# A RandomState default of None: check_random_state gives NumPy's global RNG, which torch reseeds.
import numpy as np
from sklearn.utils import check_random_state
from torch.utils.data import Dataset, DataLoader

class DS(Dataset):
    def __init__(self, random_state=None):
        self.rng = check_random_state(random_state)
    def __len__(self):
        return 10
    def __getitem__(self, i):
        return self.rng.rand()

loader = DataLoader(DS(), num_workers=4)
