import numpy as np
import torch
from torch.utils.data import Dataset

from .data_utils import numpy_seed


class RawAudioDataset(Dataset):
    def __init__(self, waves, max_sample_size, seed=1, transform=None):
        self.waves = waves
        self.max_sample_size = max_sample_size
        self.seed = seed
        self.epoch = 1
        self.transform = transform

    def set_epoch(self, epoch):
        self.epoch = epoch

    def __len__(self):
        return len(self.waves)

    def crop(self, wave, index):
        diff = len(wave) - self.max_sample_size
        if diff <= 0:
            return wave
        # Per item and per epoch: correct, no finding.
        with numpy_seed(self.seed, self.epoch, index):
            start = np.random.randint(0, diff + 1)
            wave = wave[start:start + self.max_sample_size]
            # numpy_seed only seeds the GLOBAL RNG: the transform's own
            # Generator is still the parent's copy (RNG002 in augment.py).
            if self.transform is not None:
                wave = self.transform(wave)
        return wave

    def __getitem__(self, index):
        return {"id": index, "source": torch.from_numpy(self.crop(self.waves[index], index))}


class NoiseMixDataset(Dataset):
    def __init__(self, base, noise, seed=1, snr_db=10.0):
        self.base = base
        self.noise = noise
        self.seed = seed
        self.snr_db = snr_db

    def __len__(self):
        return len(self.base)

    def __getitem__(self, index):
        item = self.base[index]
        # Seeds from the item alone: the same noise every epoch.
        np.random.seed(self.seed + index)  # expect: RNG004
        offset = np.random.randint(0, len(self.noise) - len(item["source"]) + 1)
        noise = torch.from_numpy(self.noise[offset:offset + len(item["source"])])
        item["source"] = item["source"] + noise * 10 ** (-self.snr_db / 20)
        return item
