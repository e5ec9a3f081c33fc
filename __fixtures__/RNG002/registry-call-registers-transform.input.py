# Transforms registered by module-level calls (mmcv's `register_module(module=...)`,
# a plain `register(cls)`), and built from config dicts by the registry.
import numpy as np
from mmengine.registry import Registry
from torch.utils.data import DataLoader, Dataset

TRANSFORMS = Registry("transform")


class Noise:
    def __init__(self, std=0.1, seed=None):
        self.std = std
        self.rng = np.random.RandomState(seed)

    def __call__(self, x):
        return x + self.rng.normal(0.0, self.std, size=x.shape)


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
