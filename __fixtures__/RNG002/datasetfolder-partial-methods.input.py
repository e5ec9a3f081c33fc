import random
from functools import partial

import numpy as np
from torchvision.datasets import DatasetFolder
from torch.utils.data import DataLoader


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
        shift = self.rnd.randint(-max_shift, max_shift)  # expect: RNG002
        return np.roll(wave, shift)

    def gain(self, wave, max_db):
        db = self.rnd.uniform(-max_db, max_db)  # expect: RNG002
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
