import numpy as np
from torch.utils.data import DataLoader

class Items:
    def __init__(self):
        self.items = list(range(10))
    def __len__(self):
        return 10
    def __getitem__(self, i):
        return self.items[i]
    # Without IterableDataset as a base, torch indexes it: __iter__ never runs in a worker.
    def __iter__(self):
        np.random.shuffle(self.items)
        return iter(self.items)

loader = DataLoader(Items(), num_workers=4)
