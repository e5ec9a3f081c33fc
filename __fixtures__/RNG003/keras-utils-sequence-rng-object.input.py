import numpy as np
from keras.utils import Sequence


class NoisyBatches(Sequence):
    def __init__(self, seed=0):
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        return 8

    def __getitem__(self, index):
        return self.rng.normal(size=(2, 3)), np.zeros(2)


def predict(model):
    dataset = NoisyBatches()
    return model.predict(dataset, workers=3, use_multiprocessing=True)
