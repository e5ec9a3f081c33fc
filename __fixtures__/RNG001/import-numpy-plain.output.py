import numpy
import torch
import torch.utils.data as data


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    numpy.random.seed(torch.initial_seed() % 2**32)


class CropDataset(data.Dataset):
    def __getitem__(self, index):
        top = numpy.random.randint(0, 32)
        return top

    def __len__(self):
        return 10


def make_loader(workers):
    return data.DataLoader(CropDataset(), num_workers=workers, worker_init_fn=seed_worker)
