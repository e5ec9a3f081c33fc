"""Noisy images for the denoiser.

   The docstring's continuation lines are indented by three spaces, and so is
   one continuation line below: neither is the file's indentation unit.
"""
import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    """A dataset whose items are pure noise.

      Two spaces here, too.
    """

    def __getitem__(self, index):
        scale = (1.0 +
           index)
        return float(np.random.rand()) * scale

    def __len__(self):
        return 16


loader = DataLoader(NoisyDataset(), num_workers=2)
