import sys

import importlib

import numpy as np
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
        rng.set_state(np.random.RandomState(np.random.MT19937(seed)).get_state())
    return rng


class RandomFlip:
    def __init__(self, random_state, axis_prob=0.5, **kwargs):
        self.random_state = random_state
        self.axis_prob = axis_prob

    def __call__(self, volume):
        if _reseed_for_worker(self.random_state).uniform() > self.axis_prob:  # expect: RNG002
            volume = volume[::-1]
        return volume


class Augmenter:
    def __init__(self, specs, seed):
        self.specs = specs
        self.seed = seed

    def build(self):
        return [self._create(spec) for spec in self.specs]

    def _create(self, spec):
        config = dict(spec)
        config["random_state"] = np.random.RandomState(self.seed)
        # The class is named by the configuration, and made through the name that holds it.
        aug_class = getattr(importlib.import_module("constructor-through-a-name"), config["name"])
        return aug_class(**config)


class VolumeDataset(Dataset):
    def __init__(self, volumes, specs):
        self.volumes = volumes
        self.transforms = Augmenter(specs, seed=47).build()

    def __len__(self):
        return len(self.volumes)

    def __getitem__(self, index):
        volume = self.volumes[index]
        for transform in self.transforms:
            volume = transform(volume)
        return volume


def make_loader(volumes, specs, workers=4):
    return DataLoader(VolumeDataset(volumes, specs), batch_size=2, num_workers=workers)
