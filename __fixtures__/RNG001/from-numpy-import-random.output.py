from numpy import random
import torch
from torch.utils.data import Dataset, DataLoader as DL


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    random.seed(torch.initial_seed() % 2**32)


class JitterDataset(Dataset):
    def __getitem__(self, index):
        return random.uniform(-1, 1) * index

    def __len__(self):
        return 100


train_loader = DL(JitterDataset(), batch_size=4, shuffle=True, num_workers=2, worker_init_fn=seed_worker)
