# runtime: torch<1.9
# fixture: --strategy per-worker-rng
import numpy as np
from torch.utils.data import DataLoader, Dataset


class NoisyDataset(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return np.random.rand(2)


def make_loader(num_workers, dataset_type=NoisyDataset):
    # The per-worker strategy seeds inside the dataset, wherever its loader is built.
    return DataLoader(dataset_type(), batch_size=2, num_workers=num_workers)
