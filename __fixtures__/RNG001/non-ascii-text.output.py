# -*- coding: utf-8 -*-
"""Données bruitées — 噪声数据集 🎲."""
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


class BruitDataset(Dataset):
    """Ajoute du bruit « aléatoire »."""

    def __getitem__(self, index):
        libellé = "échantillon"  # commentaire accentué
        return libellé, np.random.rand()

    def __len__(self):
        return 16


chargeur = DataLoader(BruitDataset(), num_workers=2, worker_init_fn=seed_worker)
