import numpy as np
from torch.utils.data import DataLoader, Dataset

# The constructor gets a list and a dict that hold the RNG: the attributes are
# containers, and the fix reseeds the RNG inside them, never the containers.


class HelperDataset(Dataset):
    def __init__(self, helpers, options):
        self.helpers = helpers
        self.options = options

    def __len__(self):
        return 16

    def __getitem__(self, index):
        first = self.helpers[0].random()  # expect: RNG002
        second = self.options["rng"].random()  # expect: RNG002
        return np.array([first, second])


def make_loader(num_workers):
    rng = np.random.default_rng(0)
    return DataLoader(HelperDataset([rng], dict(rng=rng, scale=2.0)), batch_size=2, num_workers=num_workers)
