"""Training entry point."""
from torch.utils.data import DataLoader

from child import FlipDataset


def main(args):
    dataset = FlipDataset(["abc", "def"])
    loader = DataLoader(dataset, batch_size=args.batch_size, num_workers=args.workers)
    for batch in loader:
        print(batch)
