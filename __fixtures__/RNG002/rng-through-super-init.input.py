import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyBase(Dataset):
    def __init__(self, items, rng):
        self.items = items
        self.rng = rng

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        return self.items[index] + self.rng.normal()  # expect: RNG002


class Noisy(NoisyBase):
    def __init__(self, items, rng, root="data"):
        # The RNG reaches the base's attribute through super().__init__.
        super().__init__(items, rng)
        self.root = root


class SeededNoisy(NoisyBase):
    def __init__(self, items, seed=0):
        super(SeededNoisy, self).__init__(items, rng=np.random.default_rng(seed))


train = DataLoader(Noisy([1.0] * 8, np.random.default_rng(0)), batch_size=2, num_workers=4)
val = DataLoader(SeededNoisy([1.0] * 8), batch_size=2, num_workers=2)
