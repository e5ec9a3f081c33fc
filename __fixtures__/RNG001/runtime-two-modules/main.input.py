# runtime: torch<1.9, distinct values
import numpy as np
from torch.utils.data import DataLoader, Dataset

from clips import ClipDataset


class MixedDataset(Dataset):
    """Draws its own noise, then reads a clip: two modules draw from NumPy in one worker."""

    def __init__(self):
        self.clips = ClipDataset()

    def __len__(self):
        return len(self.clips)

    def __getitem__(self, index):
        noise = np.random.rand()  # expect: RNG001
        return np.array([noise, self.clips[index]])


def make_loader(num_workers):
    return DataLoader(MixedDataset(), batch_size=2, num_workers=num_workers)
