import importlib

import numpy as np
from torch.utils.data import DataLoader, Dataset


class RandomFlip:
    def __init__(self, random_state, axis_prob=0.5, **kwargs):
        self.random_state = random_state
        self.axis_prob = axis_prob

    def __call__(self, volume):
        if self.random_state.uniform() > self.axis_prob:  # expect: RNG002
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
