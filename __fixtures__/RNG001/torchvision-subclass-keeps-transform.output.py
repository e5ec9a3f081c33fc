import numpy as np
from PIL import Image
import torch
from torch.utils.data import DataLoader
from torchvision import datasets


def seed_worker(worker_id):
    # Each DataLoader worker starts with a copy of NumPy's global RNG; seed it
    # from torch's per-worker seed, which differs per worker and epoch.
    np.random.seed(torch.initial_seed() % 2**32)


class RandomErase:
    def __init__(self, size=8):
        self.size = size

    def __call__(self, img):
        x = img.copy()
        top = np.random.randint(0, x.shape[0] - self.size)  # expect: RNG001
        x[top:top + self.size] = 0
        return x


class SubsetCIFAR(datasets.CIFAR10):
    # torchvision keeps `transform` as `self.transform`: handed on through super().__init__.
    def __init__(self, root, indices, transform=None):
        super().__init__(root, train=True, transform=transform, download=False)
        self.data = self.data[indices]

    def __getitem__(self, index):
        img = np.asarray(Image.fromarray(self.data[index]))
        if self.transform is not None:
            img = self.transform(img)
        return img, self.targets[index]


def build(workers=4):
    return DataLoader(SubsetCIFAR("data", list(range(1000)), transform=RandomErase()), batch_size=64, num_workers=workers, worker_init_fn=seed_worker)
