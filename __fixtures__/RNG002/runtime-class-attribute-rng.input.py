import numpy as np
from torch.utils.data import DataLoader, Dataset


class MaskedPatches(Dataset):
    # Made once, when the module is imported, in the parent process.
    rng = np.random.default_rng(5)

    def __len__(self):
        return 16

    def __getitem__(self, index):
        return self.rng.random(2)  # expect: RNG002


def make_loader(num_workers):
    return DataLoader(MaskedPatches(), batch_size=2, num_workers=num_workers)
