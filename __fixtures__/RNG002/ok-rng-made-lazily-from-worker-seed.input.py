import numpy as np
from torch.utils.data import DataLoader, Dataset, get_worker_info


class NoisyDataset(Dataset):
    def __init__(self):
        self.rng = None

    def __len__(self):
        return 16

    def __getitem__(self, index):
        # Made once per worker, on its first item, from the worker's own seed.
        if self.rng is None:
            info = get_worker_info()
            self.rng = np.random.default_rng(info.seed if info is not None else 0)
        return self.rng.normal()


loader = DataLoader(NoisyDataset(), batch_size=4, num_workers=4)
