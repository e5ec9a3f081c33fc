from torch.utils.data import DataLoader

from datasets.noisy import *

loader = DataLoader(NoisyDataset(list(range(16))), batch_size=4, num_workers=4)
