import numpy as np
from keras.utils import PyDataset

from jitter import Jitter


class NoisyBatches(PyDataset):
    def __init__(self, workers=1, use_multiprocessing=False):
        super().__init__(workers=workers, use_multiprocessing=use_multiprocessing)
        self.jitter = Jitter()

    def __len__(self):
        return 8

    def __getitem__(self, index):
        return self.jitter(np.random.rand(2, 2)), np.zeros(2)  # expect: RNG003
