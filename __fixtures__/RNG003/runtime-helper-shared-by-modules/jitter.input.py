import numpy as np


class Jitter:
    def __init__(self):
        self.state = np.random.RandomState(3)

    def __call__(self, batch):
        return np.concatenate([batch, self.state.rand(len(batch), 1)], axis=1)  # expect: RNG003
