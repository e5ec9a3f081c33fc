import numpy as np
from torch.utils.data import DataLoader

from data import RandomCropDataset


def test_crop_shape():
    dataset = RandomCropDataset(np.zeros((4, 32, 8, 8)), size=16)
    loader = DataLoader(dataset, batch_size=2, num_workers=0)
    for batch in loader:
        assert batch.shape[1] == 16
