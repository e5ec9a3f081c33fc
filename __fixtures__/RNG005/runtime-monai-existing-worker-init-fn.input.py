import random

import numpy as np
import torch
from monai.transforms import RandGaussianNoise
from torch.utils.data import DataLoader, Dataset


class NoisyScanDataset(Dataset):
    def __init__(self, scans):
        self.scans = scans
        self.noise = RandGaussianNoise(prob=1.0, std=0.2)

    def __len__(self):
        return len(self.scans)

    def __getitem__(self, index):
        return self.noise(self.scans[index])  # expect: RNG005


def init_worker(worker_id):
    np.random.seed(torch.initial_seed() % 2**32)
    random.seed(torch.initial_seed())


def make_loader(num_workers):
    scans = [np.zeros((1, 3, 3), dtype=np.float32) for _ in range(16)]
    return DataLoader(NoisyScanDataset(scans), batch_size=2, num_workers=num_workers, worker_init_fn=init_worker)
