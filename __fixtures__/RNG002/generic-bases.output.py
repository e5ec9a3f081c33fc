import sys
from typing import Generic, Tuple, TypeVar

import numpy as np
import torch
from torch.utils import data


# Shared by the helpers of every module: each RNG is reseeded once per worker.
_worker_rng_seeds = vars(sys).setdefault("_rng_fix_worker_seeds", {})


def _reseed_for_worker(rng):
    # An RNG object made before the DataLoader starts its workers is copied into
    # each of them with the same state; reseed each copy once per worker from
    # torch's per-worker seed (new every epoch, reproducible with torch.manual_seed).
    worker = data.get_worker_info()
    if worker is not None and _worker_rng_seeds.get(id(rng)) != worker.seed:
        _worker_rng_seeds[id(rng)] = worker.seed
        seed = worker.seed + len(_worker_rng_seeds) * 2**64  # a distinct stream per object
        rng.set_state(np.random.RandomState(np.random.MT19937(seed)).get_state())
    return rng


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
        if _reseed_for_worker(self.rng).rand() < 0.5:  # expect: RNG002
            patch = patch[:, ::-1]
        return torch.as_tensor(patch.copy()), index


loader = data.DataLoader(FlippedPatches([np.zeros((4, 4))] * 8), batch_size=2, num_workers=2)
