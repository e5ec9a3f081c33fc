import sys

import numpy as np
from datasets import load_dataset
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


NOISE = np.random.default_rng(0)


def add_noise(batch):
    # Hugging Face datasets call the transform on every __getitem__, in the DataLoader worker.
    batch["pixel_values"] = [np.asarray(image) + _reseed_for_worker(NOISE).normal(0, 0.1) for image in batch["image"]]  # expect: RNG002
    return batch


def train_loader(workers=4):
    train = load_dataset("cifar10")["train"]
    train.set_transform(add_noise)
    return DataLoader(train, batch_size=64, shuffle=True, num_workers=workers)


def eval_loader(workers=4):
    test = load_dataset("cifar10", split="test").with_transform(add_noise)
    return DataLoader(test, batch_size=64, num_workers=workers)
