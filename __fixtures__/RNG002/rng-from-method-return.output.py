import random
import sys

from torch.utils.data import DataLoader, Dataset, get_worker_info


# Shared by the helpers of every module: each RNG is reseeded once per worker.
_worker_rng_seeds = vars(sys).setdefault("_rng_fix_worker_seeds", {})


def _reseed_for_worker(rng):
    # An RNG object made before the DataLoader starts its workers is copied into
    # each of them with the same state; reseed each copy once per worker from
    # torch's per-worker seed (new every epoch, reproducible with torch.manual_seed).
    worker = get_worker_info()
    if worker is not None and _worker_rng_seeds.get(id(rng)) != worker.seed:
        _worker_rng_seeds[id(rng)] = worker.seed
        seed = worker.seed + len(_worker_rng_seeds) * 2**64  # a distinct stream per object
        rng.seed(seed)
    return rng


class Jitter:
    def __init__(self, rng, amount):
        self.rng = rng
        self.amount = amount

    def __call__(self, values):
        return [v + _reseed_for_worker(self.rng).uniform(-self.amount, self.amount) for v in values]  # expect: RNG002


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
