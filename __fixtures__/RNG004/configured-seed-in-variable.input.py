# fixture: --torch-version 2.0
import argparse

import numpy as np
from torch.utils.data import DataLoader, Dataset

parser = argparse.ArgumentParser()
parser.add_argument("--seed", type=int, default=0)
args = parser.parse_args()


class NoisyDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return np.random.rand()


def worker_init_fn(worker_id):
    seed = args.seed + worker_id
    np.random.seed(seed)


loader = DataLoader(NoisyDataset(), num_workers=2, worker_init_fn=worker_init_fn)
