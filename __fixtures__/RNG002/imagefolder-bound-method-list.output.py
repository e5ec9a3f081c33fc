import sys

import numpy as np
from torchvision import datasets
from torch.utils.data import DataLoader, get_worker_info


# Shared by the helpers of every module: each RNG is reseeded once per worker.
_worker_rng_seeds = vars(sys).setdefault("_rng_fix_worker_seeds", {})


def _reseed_for_worker(rng):
    # An RNG object made before the DataLoader starts its workers is copied into
    # each of them with the same state; reseed each copy once per worker from
    # torch's per-worker seed (new every epoch, reproducible with torch.manual_seed).
    worker = get_worker_info()
    if worker is not None and _worker_rng_seeds.get(id(rng)) != worker.seed:
        _worker_rng_seeds[id(rng)] = worker.seed
        seed = worker.seed + len(_worker_rng_seeds) * 2**64  # a distinct stream per object
        rng.bit_generator.state = type(rng.bit_generator)(seed).state
    return rng


class AugmentedFolder(datasets.ImageFolder):
    def __init__(self, root, seed=0, **kwargs):
        super().__init__(root, **kwargs)
        self.rng = np.random.default_rng(seed)
        self.ops = [self.flip, self.cutout]

    def flip(self, img):
        if _reseed_for_worker(self.rng).random() < 0.5:  # expect: RNG002
            return img[..., ::-1]
        return img

    def cutout(self, img, size=2):
        y, x = _reseed_for_worker(self.rng).integers(0, img.shape[-1] - size, size=2)  # expect: RNG002
        img = img.copy()
        img[..., y:y + size, x:x + size] = 0
        return img

    def __getitem__(self, index):
        img, target = super().__getitem__(index)
        for op in self.ops:
            img = op(img)
        return img, target


def build_loader(root, workers):
    return DataLoader(AugmentedFolder(root, seed=1), batch_size=16, shuffle=True, num_workers=workers)


if __name__ == "__main__":
    for img, target in build_loader("data/train", 8):
        pass
