# The dataset hands its RNG object to a classmethod and a staticmethod called
# through their class, with keyword-only and **kwargs parameters after it: the
# finding is at the draw from the parameter that receives the object.
import numpy as np
from torch.utils.data import DataLoader, Dataset

from image_ops import ColorOps


class DetectionDataset(Dataset):
    def __init__(self, images):
        self.images = images
        self._data_rng = np.random.RandomState(123)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return ColorOps.color_aug(self.images[index], self._data_rng, scale=2.0)


loader = DataLoader(DetectionDataset([np.zeros(3)] * 8), batch_size=2, num_workers=4)
