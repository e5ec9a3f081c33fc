"""Reads two epochs of noisy crops and reports how many samples were really different."""
import argparse
import json

import numpy as np
import torch
from torch.utils.data import DataLoader

from noisy_images.dataset import NoisyImages


def worker_init_fn(worker_id):
    np.random.seed(args.seed + worker_id)


parser = argparse.ArgumentParser()
parser.add_argument("--workers", type=int, default=4)
parser.add_argument("--seed", type=int, default=0)
args = parser.parse_args()


def epoch_samples(loader):
    return [tuple(np.round(sample.numpy().ravel(), 6)) for batch in loader for sample in batch]


if __name__ == "__main__":
    torch.manual_seed(args.seed)
    train_loader = DataLoader(NoisyImages(), batch_size=4, num_workers=args.workers)
    val_loader = DataLoader(NoisyImages(), batch_size=4, num_workers=args.workers, worker_init_fn=worker_init_fn)
    report = {}
    for name, loader in [("train", train_loader), ("val", val_loader)]:
        first, second = epoch_samples(loader), epoch_samples(loader)
        report[name] = {
            "samples_per_epoch": len(first),
            "distinct_in_epoch_1": len(set(first)),
            "repeated_in_epoch_2": len(set(first) & set(second)),
        }
    print(json.dumps(report))
