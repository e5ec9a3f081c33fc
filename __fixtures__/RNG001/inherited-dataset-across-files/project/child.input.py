import numpy as np

from base import BaseDataset


class FlipDataset(BaseDataset):
    def augment(self, item):
        if np.random.rand() < 0.5:
            return item[::-1]
        return item
