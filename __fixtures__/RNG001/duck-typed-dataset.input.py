import numpy as np
from torch.utils.data import DataLoader


class SeriesWindows:
    """No torch base: the DataLoader only needs __getitem__ and __len__."""

    def __init__(self, series, width=16):
        self.series = series
        self.width = width

    def __len__(self):
        return len(self.series) // self.width

    def __getitem__(self, index):
        start = np.random.randint(0, len(self.series) - self.width)  # expect: RNG001
        return self.series[start : start + self.width]


class Lookup:
    """Has a __getitem__ too, but no loader reads it: not worker code."""

    def __getitem__(self, key):
        return np.random.rand()


loader = DataLoader(SeriesWindows(list(range(1000))), batch_size=8, num_workers=4)
table = Lookup()
