import numpy as np
from torch.utils.data import Dataset, DataLoader

class MyLoader(DataLoader):
    def __init__(self, dataset, **kwargs):
        # Passes worker_init_fn itself: adding one where MyLoader is called would raise TypeError.
        super().__init__(dataset, worker_init_fn=None, **kwargs)

class DS(Dataset):
    def __len__(self):
        return 10
    def __getitem__(self, i):
        return np.random.rand()  # expect: RNG001

loader = MyLoader(DS(), num_workers=4)
