import random
import sys

import numpy as np
from torch.utils.data import Dataset, get_worker_info


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
        if isinstance(rng, np.random.Generator):
            rng.bit_generator.state = type(rng.bit_generator)(seed).state
        else:
            rng.seed(seed)
    return rng


class SpanMaskingDataset(Dataset):
    """Masks random spans of each tokenised example (T5-style span corruption)."""

    def __init__(self, examples, mask_ratio=0.15, seed=42):
        self.examples = examples
        self.mask_ratio = mask_ratio
        self.rng = np.random.default_rng(seed)
        self.shuffler = random.Random(seed)

    def __len__(self):
        return len(self.examples)

    def __getitem__(self, index):
        ids = list(self.examples[index])
        count = max(1, int(len(ids) * self.mask_ratio))
        starts = _reseed_for_worker(self.rng).choice(len(ids), size=count, replace=False)  # expect: RNG002
        for start in starts:
            ids[start] = -100
        _reseed_for_worker(self.shuffler).shuffle(ids)  # expect: RNG002
        return {"input_ids": ids, "labels": list(self.examples[index])}


class PlainDataset(Dataset):
    def __init__(self, examples, seed=0):
        self.examples = examples
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        return len(self.examples)

    def __getitem__(self, index):
        # Read only by a trainer with the default arguments: no workers.
        return {"input_ids": self.examples[index], "noise": self.rng.random()}
