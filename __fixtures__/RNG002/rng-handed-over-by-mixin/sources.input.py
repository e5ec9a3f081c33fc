import numpy as np
from torch.utils.data import Dataset


class KittiSource(Dataset):
    def __init__(self, images):
        self.images = images
        self._data_rng = np.random.RandomState(123)

    def __len__(self):
        return len(self.images)
