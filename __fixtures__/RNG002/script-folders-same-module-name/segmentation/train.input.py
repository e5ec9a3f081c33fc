# Two script folders without __init__.py, each with its own `dataset.py`: a
# script imports the one beside it (Python puts the script's folder first on
# sys.path), whichever folder is scanned first.
from torch.utils.data import DataLoader

from dataset import CropDataset

loader = DataLoader(CropDataset(list(range(64)), seed=0), batch_size=8, num_workers=4)
