import random

import numpy as np
from torch.utils.data import Dataset


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
        starts = self.rng.choice(len(ids), size=count, replace=False)  # expect: RNG002
        for start in starts:
            ids[start] = -100
        self.shuffler.shuffle(ids)  # expect: RNG002
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
