# Transforms registered by module-level calls (mmcv's `register_module(module=...)`,
# a plain `register(cls)`), and built from config dicts by the registry.
import sys

import numpy as np
from mmengine.registry import Registry
from torch.utils.data import DataLoader, Dataset, get_worker_info


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
        rng.set_state(np.random.RandomState(np.random.MT19937(seed)).get_state())
    return rng


TRANSFORMS = Registry("transform")


class Noise:
    def __init__(self, std=0.1, seed=None):
        self.std = std
        self.rng = np.random.RandomState(seed)

    def __call__(self, x):
        return x + _reseed_for_worker(self.rng).normal(0.0, self.std, size=x.shape)


class Scale:
    def __init__(self, factor=2.0):
        self.factor = factor

    def __call__(self, x):
        return x * self.factor


TRANSFORMS.register_module(module=Noise)
TRANSFORMS.register_module(name="scale", module=Scale)


class SignalDataset(Dataset):
    def __init__(self, signals, pipeline_cfg):
        self.signals = signals
        self.pipeline = [TRANSFORMS.build(cfg) for cfg in pipeline_cfg]

    def __len__(self):
        return len(self.signals)

    def __getitem__(self, index):
        x = self.signals[index]
        for op in self.pipeline:
            x = op(x)
        return x


CONFIG = [dict(type="scale", factor=0.5), dict(type="Noise", std=0.05, seed=3)]
loader = DataLoader(SignalDataset(np.zeros((32, 100)), CONFIG), batch_size=4, num_workers=4)
