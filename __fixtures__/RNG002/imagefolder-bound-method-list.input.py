import numpy as np
from torchvision import datasets
from torch.utils.data import DataLoader


class AugmentedFolder(datasets.ImageFolder):
    def __init__(self, root, seed=0, **kwargs):
        super().__init__(root, **kwargs)
        self.rng = np.random.default_rng(seed)
        self.ops = [self.flip, self.cutout]

    def flip(self, img):
        if self.rng.random() < 0.5:  # expect: RNG002
            return img[..., ::-1]
        return img

    def cutout(self, img, size=2):
        y, x = self.rng.integers(0, img.shape[-1] - size, size=2)  # expect: RNG002
        img = img.copy()
        img[..., y:y + size, x:x + size] = 0
        return img

    def __getitem__(self, index):
        img, target = super().__getitem__(index)
        for op in self.ops:
            img = op(img)
        return img, target


def build_loader(root, workers):
    return DataLoader(AugmentedFolder(root, seed=1), batch_size=16, shuffle=True, num_workers=workers)


if __name__ == "__main__":
    for img, target in build_loader("data/train", 8):
        pass
