# fixture: --torch-version 1.8
import numpy as np
from torchvision.datasets import VisionDataset
import torch
from torch.utils.data import DataLoader


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


# The augmentation is picked by a computed attribute name, so every `aug_*`
# method is a candidate: the two draws below are expected (confidence possible).


class PatchDataset(VisionDataset):
    def __init__(self, root, patches, mode="train"):
        super().__init__(root)
        self.patches = patches
        self.mode = mode

    def aug_train(self, patch):
        return patch + np.random.rand(*patch.shape) * 0.01  # expect: RNG001

    def aug_strong(self, patch):
        return patch * np.random.normal(1.0, 0.2)  # expect: RNG001

    def aug_eval(self, patch):
        return patch

    def __len__(self):
        return len(self.patches)

    def __getitem__(self, index):
        augment = getattr(self, "aug_" + self.mode)
        return augment(self.patches[index])


if __name__ == "__main__":
    dataset = PatchDataset("data", np.zeros((10, 8, 8)), mode="strong")
    for batch in DataLoader(dataset, batch_size=5, num_workers=2, worker_init_fn=seed_worker):
        pass
