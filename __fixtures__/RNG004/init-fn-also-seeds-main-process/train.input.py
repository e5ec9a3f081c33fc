from functools import partial

import numpy as np
from torch.utils.data import DataLoader, Dataset

import util


class CropDataset(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, index):
        return np.random.rand()


def build(opt):
    return DataLoader(CropDataset(), num_workers=opt["workers"], worker_init_fn=partial(util.set_seed, gl_seed=opt["seed"]))


def main(opt):
    util.set_seed(opt["seed"])
    return build(opt)
