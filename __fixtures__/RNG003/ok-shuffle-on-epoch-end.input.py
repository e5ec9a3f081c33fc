import numpy as np
from keras.utils import PyDataset


class ShuffledBatches(PyDataset):
    def __init__(self, items, **kwargs):
        super().__init__(workers=4, use_multiprocessing=True, **kwargs)
        self.items = items
        self.indexes = np.arange(len(items))

    def __len__(self):
        return len(self.items) // 2

    def __getitem__(self, index):
        chosen = self.indexes[index * 2:(index + 1) * 2]
        return self.items[chosen], np.zeros(2)

    def on_epoch_end(self):
        # Runs in the main process: shuffling here is the canonical pattern.
        np.random.shuffle(self.indexes)
