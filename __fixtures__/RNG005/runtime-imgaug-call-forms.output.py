# fixture: --strategy per-worker-rng
import sys

import imgaug.augmenters as iaa
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info


# Shared by the helpers of every module: each RNG is reseeded once per worker.
_worker_rng_seeds = vars(sys).setdefault("_rng_fix_worker_seeds", {})


def _reseed_imgaug_for_worker(pipeline):
    # Augmentation pipelines hold their own RNG, copied unchanged into every
    # DataLoader worker; reseed each copy once per worker from torch's per-worker seed.
    worker = get_worker_info()
    if worker is not None and _worker_rng_seeds.get(id(pipeline)) != worker.seed:
        _worker_rng_seeds[id(pipeline)] = worker.seed
        pipeline.seed_(hash((worker.seed, len(_worker_rng_seeds))) % 2**32)
    return pipeline


def augment(augmenter, cell):
    # The augmenter is passed in as an argument and called here.
    return _reseed_imgaug_for_worker(augmenter).augment_image(cell)  # expect: RNG005


class CellDataset(Dataset):
    def __init__(self, cells):
        self.cells = cells
        self.seq = iaa.Sequential([iaa.Fliplr(0.5), iaa.AdditiveGaussianNoise(scale=(0, 10))])
        self.noise = iaa.AdditiveGaussianNoise(scale=(0, 10))
        self.steps = [iaa.Multiply((0.8, 1.2)), iaa.Add((-10, 10))]
        self.extra = iaa.AdditiveGaussianNoise(scale=(0, 5))

    def __len__(self):
        return len(self.cells)

    def __getitem__(self, index):
        # A deterministic copy: the helper must get the augmenter, not its bound method.
        det = _reseed_imgaug_for_worker(self.seq).to_deterministic()  # expect: RNG005
        cell = det.augment_image(self.cells[index])
        cell = _reseed_imgaug_for_worker(self.noise)(image=cell)  # expect: RNG005
        cell = _reseed_imgaug_for_worker(self.noise).augment_image(cell)  # expect: RNG005
        for step in self.steps:
            cell = _reseed_imgaug_for_worker(step).augment_image(cell)  # expect: RNG005
        cell = augment(self.extra, cell)
        return torch.from_numpy(cell.astype(np.float32))


def make_loader(num_workers):
    cells = [np.full((5, 5, 1), 100, dtype=np.uint8) for _ in range(16)]
    return DataLoader(CellDataset(cells), batch_size=2, num_workers=num_workers)
