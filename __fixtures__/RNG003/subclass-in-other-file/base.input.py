import numpy as np
from keras.utils import PyDataset


class AugmentedBatches(PyDataset):
    def __len__(self):
        return 8

    def __getitem__(self, index):
        return self.augment(np.ones((2, 3))), np.zeros(2)

    def augment(self, batch):
        return batch
