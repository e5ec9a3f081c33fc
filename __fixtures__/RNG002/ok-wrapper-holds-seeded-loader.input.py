import torch
from torch.utils.data import DataLoader, Dataset, IterableDataset

# `self._loader` is a DataLoader, not an RNG: iterating it in the worker must not
# be reported as RNG002. It does not shuffle, so its generator never decides
# anything that could repeat across workers. No finding expected.


class Shards(Dataset):
    def __init__(self, data):
        self.data = data

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        return self.data[index]


class Rebatching(IterableDataset):
    def __init__(self, inner, batch_size):
        self._loader = DataLoader(inner, batch_size=batch_size, shuffle=False, generator=torch.Generator())

    def __iter__(self):
        for batch in self._loader:
            yield batch.sum(dim=0)


outer = DataLoader(Rebatching(Shards(torch.arange(40.0).view(20, 2)), 4), batch_size=None, num_workers=2)
