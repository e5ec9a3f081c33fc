import numpy as np
from torch_geometric.data import InMemoryDataset


class AugmentedGraphs(InMemoryDataset):
    """PyG's own __getitem__ calls get() for every item, in the workers."""

    def __init__(self, root, aug_ratio=0.2):
        super().__init__(root)
        self.aug_ratio = aug_ratio

    def get(self, idx):
        data = super().get(idx)
        return drop_nodes(data, self.aug_ratio)


def drop_nodes(data, ratio):
    keep = np.random.permutation(data.num_nodes)[: int(data.num_nodes * (1 - ratio))]  # expect: RNG001
    return data.subgraph(keep)
