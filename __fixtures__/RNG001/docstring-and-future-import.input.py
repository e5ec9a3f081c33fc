#!/usr/bin/env python
"""Noisy data."""
from __future__ import annotations

import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __getitem__(self, index: int) -> float:
        return float(np.random.rand())

    def __len__(self) -> int:
        return 16


loader = DataLoader(NoisyDataset(), num_workers=2)
