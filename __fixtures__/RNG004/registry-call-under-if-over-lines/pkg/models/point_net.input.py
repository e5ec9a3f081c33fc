import numpy as np
import torch

from ..registry import MODEL


class PointNet:
    def __init__(self):
        self.rng = np.random.default_rng(0)

    def transform(self, points):
        # A fresh generator on every item, seeded only by the worker: every item of a worker gets the same draws.
        if torch.utils.data.get_worker_info():
            seed = np.random.SeedSequence(torch.utils.data.get_worker_info().seed + torch.utils.data.get_worker_info().id)
            rng = np.random.default_rng(seed.spawn(1)[0])
        else:
            rng = self.rng
        return points * rng.uniform(0.8, 1.2)


# Registered under a guard, with its arguments on the next lines.
if MODEL is not None:
    MODEL._register_module(
        PointNet, "torch"
    )
