import numpy as np

from base import AugmentedBatches


class NoisyBatches(AugmentedBatches):
    def __init__(self, **kwargs):
        super().__init__(workers=2, use_multiprocessing=True, **kwargs)

    def augment(self, batch):
        return batch + np.random.normal(0.0, 1.0)
