import random

from torch.utils.data import DataLoader, Dataset


class Jitter:
    def __init__(self, rng, amount):
        self.rng = rng
        self.amount = amount

    def __call__(self, values):
        return [v + self.rng.uniform(-self.amount, self.amount) for v in values]  # expect: RNG002


class AugmentFactory:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def build(self, amount=0.2):
        return Jitter(self.rng, amount)


class SeriesDataset(Dataset):
    def __init__(self, series, factory):
        self.series = series
        self.augment = factory.build()

    def __len__(self):
        return len(self.series)

    def __getitem__(self, index):
        return self.augment(self.series[index])


def make_loader(series, workers=4):
    factory = AugmentFactory(seed=7)
    return DataLoader(SeriesDataset(series, factory), batch_size=None, num_workers=workers)


if __name__ == "__main__":
    for row in make_loader([[1.0, 2.0], [3.0, 4.0]]):
        print(row)
