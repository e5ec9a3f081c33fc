# runtime: torch<1.9
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


def jitter_collate(batch):
    # Runs in the DataLoader worker that loaded the batch.
    items = torch.stack(batch)
    return items + torch.from_numpy(np.random.normal(size=items.shape)).float()  # expect: RNG001


class Points(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return torch.tensor([float(index), 1.0])


def make_loader(num_workers):
    return DataLoader(Points(), batch_size=2, num_workers=num_workers, collate_fn=jitter_collate, worker_init_fn=seed_worker)
