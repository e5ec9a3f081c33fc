import numpy as np
from keras.utils import PyDataset


class NoisyBatches(PyDataset):
    def __init__(self, workers=1, use_multiprocessing=False):
        super().__init__(workers=workers, use_multiprocessing=use_multiprocessing)

    def __len__(self):
        return 8

    def __getitem__(self, index):
        return np.random.rand(2, 3), np.zeros(2)


def make_dataset(workers, use_multiprocessing):
    return NoisyBatches(workers=workers, use_multiprocessing=use_multiprocessing)
