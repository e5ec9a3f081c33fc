from torch.utils.data import DataLoader, IterableDataset

from . import augment as aug


class StreamDataset(IterableDataset):
    def __init__(self, values):
        self.values = values

    def __iter__(self):
        for value in self.values:
            yield aug.augment(value)


def loader(values):
    return DataLoader(StreamDataset(values), num_workers=3)
