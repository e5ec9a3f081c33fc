import keras
import numpy as np


class NoisyBatches(keras.utils.PyDataset):
    def __init__(self, x, batch_size=16, seed=0, **kwargs):
        super().__init__(**kwargs)
        self.x = x
        self.batch_size = batch_size
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        return len(self.x) // self.batch_size

    def __getitem__(self, idx):
        xb = self.x[idx * self.batch_size:(idx + 1) * self.batch_size]
        return xb + self.rng.normal(0.0, 0.1, size=xb.shape), xb  # expect: RNG003


class ShiftedBatches(keras.utils.PyDataset):
    def __init__(self, x, max_shift=2, **kwargs):
        super().__init__(**kwargs)
        self.x = x
        self.max_shift = max_shift

    def __len__(self):
        return len(self.x)

    def __getitem__(self, idx):
        shift = np.random.randint(-self.max_shift, self.max_shift + 1)  # expect: RNG003
        return np.roll(self.x[idx:idx + 1], shift, axis=-1), self.x[idx:idx + 1]


LOADER_ARGS = dict(workers=4, use_multiprocessing=True, max_queue_size=8)


def make_datasets(x, **common):
    return NoisyBatches(x, **common), ShiftedBatches(x, **common)


if __name__ == "__main__":
    data = np.zeros((256, 32), dtype="float32")
    noisy, shifted = make_datasets(data, **LOADER_ARGS)
    model = keras.Sequential([keras.layers.Dense(32)])
    model.compile("adam", "mse")
    model.fit(noisy, epochs=2)
    model.fit(shifted, epochs=2)
