from copy import deepcopy

from torch_geometric.data import DataLoader

from graphs import AugmentedGraphs


def train(dataset, workers=4):
    # Two views of the same graphs: shuffle() and deepcopy() keep the dataset's class.
    first = dataset.shuffle()
    second = deepcopy(first)
    loader1 = DataLoader(first, batch_size=32, num_workers=workers, shuffle=False)
    loader2 = DataLoader(second, batch_size=32, num_workers=workers, shuffle=False)
    for view1, view2 in zip(loader1, loader2):
        yield view1, view2


if __name__ == "__main__":
    for batch in train(AugmentedGraphs("data/ppi")):
        pass
