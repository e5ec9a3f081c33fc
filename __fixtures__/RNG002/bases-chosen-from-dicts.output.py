import sys

import numpy as np
import torch
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
        rng.bit_generator.state = type(rng.bit_generator)(seed).state
    return rng


class RandomWindowSampler:
    """Mixin: owns the RNG that picks a crop window."""

    def __init__(self, *args, seed=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.rng = np.random.default_rng(seed)


class FixedWindowSampler:
    def __init__(self, *args, seed=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.offset = seed


class SeriesBase(Dataset):
    def __init__(self, data, window=8):
        self.data = data
        self.window = window

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        row = self.data[index]
        start = int(_reseed_for_worker(self.rng).integers(0, len(row) - self.window))  # expect: RNG002
        return torch.as_tensor(row[start:start + self.window])


class ImageBase(SeriesBase):
    pass


SAMPLERS = {"random": RandomWindowSampler, "fixed": FixedWindowSampler}
BASES = {"series": SeriesBase, "image": ImageBase}


def make_dataset_class(task, name):
    class TaskDataset(SAMPLERS[task], BASES[name]):
        pass

    return TaskDataset


if __name__ == "__main__":
    cls = make_dataset_class("random", "series")
    dataset = cls(np.arange(400.0).reshape(10, 40), window=8, seed=1)
    loader = DataLoader(dataset, batch_size=2, num_workers=2)
    for batch in loader:
        print(batch.shape)
