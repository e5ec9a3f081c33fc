from torch.utils.data import DataLoader

from noisy import Noisy

loader = DataLoader(Noisy(), batch_size=4, num_workers=4)
