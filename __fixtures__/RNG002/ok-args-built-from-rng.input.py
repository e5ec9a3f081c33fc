import numpy as np
from torch.utils.data import DataLoader, Dataset

# The RNG is only used in the parent to BUILD the constructor arguments: a list
# of numbers and a dict of plain values. Workers read fixed data and never draw:
# no finding, and no fix may treat `self.items` / `self.config` as an RNG.


def make_items(rng, n=8):
    return [float(x) for x in rng.normal(size=n)]


def make_config(rng):
    return dict(offset=int(rng.integers(0, 10)), scale=1.5)


class ItemsDataset(Dataset):
    def __init__(self, items, config):
        self.items = items
        self.config = config

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        return self.items[index] * self.config["scale"] + self.config["offset"]


rng = np.random.default_rng(123)
loader = DataLoader(ItemsDataset(make_items(rng), make_config(rng)), num_workers=4)
