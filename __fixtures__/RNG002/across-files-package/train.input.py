import numpy as np
from torch.utils.data import DataLoader

from pkg import ScanDataset, build_transforms


def main(workers=6, seed=0):
    dataset = ScanDataset(np.ones((20, 16, 16)), transforms=build_transforms(seed))
    loader = DataLoader(dataset, batch_size=4, num_workers=workers)
    for batch in loader:
        pass


if __name__ == "__main__":
    main()
