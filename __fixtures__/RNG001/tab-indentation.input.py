import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
	def __getitem__(self, index):
		if index % 2:
			return np.random.rand()
		return 0.0

	def __len__(self):
		return 16


loader = DataLoader(NoisyDataset(), num_workers=2)
