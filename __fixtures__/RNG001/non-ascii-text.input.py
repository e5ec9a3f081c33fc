# -*- coding: utf-8 -*-
"""Données bruitées — 噪声数据集 🎲."""
import numpy as np
from torch.utils.data import DataLoader, Dataset


class BruitDataset(Dataset):
    """Ajoute du bruit « aléatoire »."""

    def __getitem__(self, index):
        libellé = "échantillon"  # commentaire accentué
        return libellé, np.random.rand()

    def __len__(self):
        return 16


chargeur = DataLoader(BruitDataset(), num_workers=2)
