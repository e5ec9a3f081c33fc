import keras
import numpy as np

# Same shape as a multiprocessing PyDataset, but the common arguments ask for
# threads (use_multiprocessing=False), which share one RNG: nothing repeats.


class NoisyBatches(keras.utils.PyDataset):
    def __init__(self, x, **kwargs):
        super().__init__(**kwargs)
        self.x = x

    def __len__(self):
        return len(self.x) // 8

    def __getitem__(self, idx):
        xb = self.x[idx * 8:(idx + 1) * 8]
        return xb + np.random.normal(0.0, 0.1, size=xb.shape), xb


COMMON = {"workers": 4, "use_multiprocessing": False}

if __name__ == "__main__":
    train = NoisyBatches(np.zeros((64, 4), dtype="float32"), **COMMON)
    model = keras.Sequential([keras.layers.Dense(4)])
    model.compile("adam", "mse")
    model.fit(train, epochs=1)
