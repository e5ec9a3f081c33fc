import argparse

import numpy as np
from torch.utils.data import DataLoader

from data import RandomCropDataset


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args()
    dataset = RandomCropDataset(np.zeros((64, 48, 32, 32)))
    loader = DataLoader(dataset, batch_size=4, shuffle=True, num_workers=args.workers)
    for epoch in range(10):
        for batch in loader:
            pass


if __name__ == "__main__":
    main()
