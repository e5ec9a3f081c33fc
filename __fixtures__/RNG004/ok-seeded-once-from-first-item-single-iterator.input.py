import numpy as np
from torch.utils.data import DataLoader, Dataset


class SubBatchDataset(Dataset):
    def __init__(self, records):
        self.records = records
        self.if_shuffled = False

    def __len__(self):
        return int(1e10)  # endless: the run reads one iterator, never a second epoch

    def __getitem__(self, index):
        # Once per worker, from the index of its first item: the workers start on
        # different items, and one iterator for the run never restarts them.
        if not self.if_shuffled:
            np.random.seed(index)
            np.random.shuffle(self.records)
            self.if_shuffled = True
        size = np.random.choice([300, 400, 500])
        return self.records[index % len(self.records)], size


def train(iterator, steps):
    for _ in range(steps):
        next(iterator)


def main(records, workers, epochs):
    loader = DataLoader(SubBatchDataset(records), batch_size=2, shuffle=False, num_workers=workers)
    iterator = iter(loader)
    for _ in range(epochs):
        train(iterator, 100)
