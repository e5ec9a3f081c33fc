# fixture: --strategy per-worker-rng
import numpy as np
from torch.utils.data import DataLoader, Dataset


class ClipDataset(Dataset):
    """Random crops of a clip; also read on its own by the validation loader."""

    def __len__(self):
        return 16

    def __getitem__(self, index):
        return np.random.rand()  # expect: RNG001


def make_validation_loader(num_workers):
    return DataLoader(ClipDataset(), batch_size=2, num_workers=num_workers)
