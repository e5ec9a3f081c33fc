import numpy as np
from torch.utils.data import DataLoader

from factory import get_dataset

Dataset = get_dataset("kitti")
loader = DataLoader(Dataset([np.zeros(3)] * 8), batch_size=2, num_workers=4)
