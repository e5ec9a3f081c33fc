import random
from functools import partial
import sys

import numpy as np
from torchvision.datasets import DatasetFolder
from torch.utils.data import DataLoader, get_worker_info


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


def load_clip(path):
    return np.load(path)


class AudioFolder(DatasetFolder):
    def __init__(self, root, seed=None):
        super().__init__(root, loader=load_clip, extensions=(".npy",))
        self.rnd = random.Random(seed)
        self.augmentations = [
            partial(self.time_shift, max_shift=400),
            partial(self.gain, max_db=6.0),
        ]

    def time_shift(self, wave, max_shift):
        shift = _reseed_for_worker(self.rnd).randint(-max_shift, max_shift)  # expect: RNG002
        return np.roll(wave, shift)

    def gain(self, wave, max_db):
        db = _reseed_for_worker(self.rnd).uniform(-max_db, max_db)  # expect: RNG002
        return wave * (10.0 ** (db / 20.0))

    def __getitem__(self, index):
        wave, label = super().__getitem__(index)
        for augment in self.augmentations:
            wave = augment(wave)
        return wave, label


if __name__ == "__main__":
    loader = DataLoader(AudioFolder("clips/train", seed=0), batch_size=8, num_workers=4)
    for wave, label in loader:
        pass
