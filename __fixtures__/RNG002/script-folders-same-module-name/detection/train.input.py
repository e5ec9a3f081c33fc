from torch.utils.data import DataLoader

from data.dataset import CropDataset

loader = DataLoader(CropDataset(list(range(64))), batch_size=8, num_workers=4)
