# Once per worker, from the index of its first item, but the loader (and its
# iterator) is made again for every epoch: the workers restart on the same
# first items, so each epoch repeats the last.
import numpy as np
from torch.utils.data import DataLoader, Dataset


class SubBatchDataset(Dataset):
    def __init__(self, records):
        self.records = records
        self.if_shuffled = False

    def __len__(self):
        return len(self.records)

    def __getitem__(self, index):
        if not self.if_shuffled:
            np.random.seed(index)
            self.if_shuffled = True
        size = np.random.choice([300, 400, 500])
        return self.records[index], size


def run_epoch(records, workers):
    loader = DataLoader(SubBatchDataset(records), batch_size=2, shuffle=False, num_workers=workers)
    iterator = iter(loader)
    for _ in range(100):
        next(iterator)


def main(records, workers, epochs):
    for _ in range(epochs):
        run_epoch(records, workers)
