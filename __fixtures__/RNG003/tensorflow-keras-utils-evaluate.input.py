import numpy as np
from tensorflow.keras.utils import Sequence


class NoisyBatches(Sequence):
    def __len__(self):
        return 8

    def __getitem__(self, index):
        return np.random.standard_normal((2, 3)), np.zeros(2)


def evaluate(model):
    return model.evaluate(NoisyBatches(), workers=2, use_multiprocessing=True)
