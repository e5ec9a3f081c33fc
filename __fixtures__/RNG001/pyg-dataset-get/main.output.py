from copy import deepcopy

from torch_geometric.data import DataLoader

from graphs import AugmentedGraphs
import numpy as np
import torch


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


def train(dataset, workers=4):
    # Two views of the same graphs: shuffle() and deepcopy() keep the dataset's class.
    first = dataset.shuffle()
    second = deepcopy(first)
    loader1 = DataLoader(first, batch_size=32, num_workers=workers, shuffle=False, worker_init_fn=seed_worker)
    loader2 = DataLoader(second, batch_size=32, num_workers=workers, shuffle=False, worker_init_fn=seed_worker)
    for view1, view2 in zip(loader1, loader2):
        yield view1, view2


if __name__ == "__main__":
    for batch in train(AugmentedGraphs("data/ppi")):
        pass
