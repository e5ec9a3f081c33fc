import numpy as np
from keras.utils import PyDataset


class Jitter:
    def __init__(self):
        self.state = np.random.RandomState(3)

    def __call__(self, batch):
        return np.concatenate([batch, self.state.rand(len(batch), 1)], axis=1)


class MixedBatches(PyDataset):
    """Columns: a Generator's draws, NumPy's global RNG, a RandomState's."""

    def __init__(self, workers=1, use_multiprocessing=False):
        super().__init__(workers=workers, use_multiprocessing=use_multiprocessing)
        self.generator = np.random.default_rng(1)
        self.jitter = Jitter()

    def __len__(self):
        return 8

    def __getitem__(self, index):
        batch = np.concatenate([self.generator.random((2, 2)), np.random.rand(2, 1)], axis=1)
        return self.jitter(batch), np.zeros(2)


def make_dataset(workers, use_multiprocessing):
    return MixedBatches(workers=workers, use_multiprocessing=use_multiprocessing)
