import numpy as np
import torchvision.transforms as T
from torch.utils.data import DataLoader
from torchvision import datasets


class RandomSolarize:
    def __init__(self, p=0.2):
        self.p = p

    def __call__(self, img):
        if np.random.rand() < self.p:  # expect: RNG001
            return img.point(lambda x: 255 - x if x > 128 else x)
        return img


class MultiViewFolder(datasets.ImageFolder):
    def __init__(self, root, sizes, counts):
        super().__init__(root)
        views = []
        for size, count in zip(sizes, counts):
            # The same pipeline `count` times, added with extend.
            views.extend([T.Compose([T.RandomResizedCrop(size), RandomSolarize(), T.ToTensor()])] * count)
        self.views = views

    def __getitem__(self, index):
        path, _ = self.samples[index]
        image = self.loader(path)
        return list(map(lambda view: view(image), self.views))


loader = DataLoader(MultiViewFolder("data/train", [224, 96], [2, 4]), batch_size=32, num_workers=8)
