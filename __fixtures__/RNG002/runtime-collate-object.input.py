import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class MixupCollate:
    """Mixes each batch with a random weight: collate functions run in the DataLoader workers."""

    def __init__(self, alpha=1.0, seed=0):
        self.alpha = alpha
        self.rng = np.random.default_rng(seed)

    def __call__(self, batch):
        weight = self.rng.beta(self.alpha, self.alpha)  # expect: RNG002
        items = torch.stack(batch)
        return weight * items + (1 - weight) * items.flip(0)


class Points(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return torch.tensor([float(index), 1.0])


def make_loader(num_workers):
    return DataLoader(Points(), batch_size=2, num_workers=num_workers, collate_fn=MixupCollate())
