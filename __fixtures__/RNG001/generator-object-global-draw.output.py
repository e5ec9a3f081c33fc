# fixture: --torch-version 1.8
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


def dropout_masks(length, p):
    # A generator made in the parent; its body runs in whichever process
    # calls next() on it, here the DataLoader workers.
    while True:
        yield np.random.rand(length) > p  # expect: RNG001


class MaskedSequences(Dataset):
    def __init__(self, sequences, p=0.15):
        self.sequences = sequences
        self.masks = dropout_masks(sequences.shape[1], p)

    def __len__(self):
        return len(self.sequences)

    def __getitem__(self, index):
        mask = next(self.masks)
        return self.sequences[index] * torch.as_tensor(mask)


loader = DataLoader(MaskedSequences(torch.zeros(32, 20)), batch_size=8, num_workers=4, worker_init_fn=seed_worker)
