from typing import Generic, Tuple, TypeVar

import numpy as np
import torch
from torch.utils import data

Sample = TypeVar("Sample")


class PatchDataset(data.Dataset[Tuple[torch.Tensor, int]], Generic[Sample]):
    def __init__(self, patches):
        self.patches = patches
        self.rng = np.random.RandomState(0)

    def __len__(self):
        return len(self.patches)


class FlippedPatches(PatchDataset[np.ndarray]):
    def __getitem__(self, index):
        patch = self.patches[index]
        if self.rng.rand() < 0.5:  # expect: RNG002
            patch = patch[:, ::-1]
        return torch.as_tensor(patch.copy()), index


loader = data.DataLoader(FlippedPatches([np.zeros((4, 4))] * 8), batch_size=2, num_workers=2)
