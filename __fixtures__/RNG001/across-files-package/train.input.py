import numpy as np
from torch.utils.data import DataLoader

from pkg.data import ScanDataset
from pkg.transforms import train_transforms


def main(workers=6):
    dataset = ScanDataset(np.ones((20, 16, 16)), transform=train_transforms())
    loader = DataLoader(dataset, batch_size=4, num_workers=workers)
    for batch in loader:
        pass


if __name__ == "__main__":
    main()
