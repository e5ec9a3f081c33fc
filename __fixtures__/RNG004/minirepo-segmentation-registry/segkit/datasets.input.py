import numpy as np
from torch.utils.data import Dataset

from .pipelines import Compose
from .registry import DATASETS


@DATASETS.register_module()
class ToySegDataset(Dataset):
    def __init__(self, pipeline, num_samples=16, size=32):
        self.pipeline = Compose(pipeline)
        self.num_samples = num_samples
        self.size = size

    def __len__(self):
        return self.num_samples

    def __getitem__(self, idx):
        results = dict(
            img=np.full((self.size, self.size), float(idx)),
            gt=np.zeros((self.size, self.size), dtype=np.int64),
        )
        return self.pipeline(results)
