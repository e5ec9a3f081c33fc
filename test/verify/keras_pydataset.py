"""A Keras 3 PyDataset drawing from NumPy's global RNG in 2 worker processes (torch backend)."""
import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402
import numpy as np  # noqa: E402


class NoisyBatches(keras.utils.PyDataset):
    def __init__(self, **kwargs):
        super().__init__(workers=2, use_multiprocessing=True, **kwargs)

    def __len__(self):
        return 8

    def __getitem__(self, index):
        return np.random.rand(4, 3).astype("float32"), np.zeros((4, 1), dtype="float32")


if __name__ == "__main__":
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(NoisyBatches(), epochs=20, verbose=0)
