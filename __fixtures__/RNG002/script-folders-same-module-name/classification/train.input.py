from torch.utils.data import DataLoader

from dataset import CropDataset

loader = DataLoader(CropDataset(list(range(64)), seed=0), batch_size=8, num_workers=4)
