# No __init__.py in src/, src/utils or src/data: the scripts run with src/ on the path.
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset
from utils import utils


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


class SignalDataset(Dataset):
    def __init__(self, signals):
        self.signals = signals

    def __len__(self):
        return len(self.signals)

    def __getitem__(self, index):
        return utils.random_shift(self.signals[index])


def make_loader(signals, workers=4):
    return DataLoader(SignalDataset(signals), batch_size=16, num_workers=workers, worker_init_fn=seed_worker)
