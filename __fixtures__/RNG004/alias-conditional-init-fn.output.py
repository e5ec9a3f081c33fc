import random

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

SEED = 17


class TokenDropout(Dataset):
    def __init__(self, sentences, p=0.1):
        self.sentences = sentences
        self.p = p

    def __len__(self):
        return len(self.sentences)

    def __getitem__(self, index):
        tokens = self.sentences[index].split()
        keep = np.random.rand(len(tokens)) > self.p  # RNG004 at the worker_init_fn, not RNG001 here
        return [t for t, k in zip(tokens, keep) if k]


def seed_fn(worker_id):
    np.random.seed(torch.initial_seed() % 2**32)  # expect: RNG004
    random.seed(torch.initial_seed())  # expect: RNG004


def make_loader(sentences, workers, deterministic):
    init_fn = seed_fn if deterministic else None
    return DataLoader(
        TokenDropout(sentences),
        batch_size=None,
        num_workers=workers,
        worker_init_fn=init_fn,
    )


if __name__ == "__main__":
    loader = make_loader(["a b c d", "e f g h"], workers=2, deterministic=True)
    print(list(loader))
