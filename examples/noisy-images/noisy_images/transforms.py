"""Augmentations for small grey-scale images held as NumPy arrays."""
import numpy as np


class Compose:
    def __init__(self, transforms):
        self.transforms = transforms

    def __call__(self, image):
        for transform in self.transforms:
            image = transform(image)
        return image


class RandomCrop:
    def __init__(self, size):
        self.size = size

    def __call__(self, image):
        top = np.random.randint(0, image.shape[0] - self.size + 1)
        left = np.random.randint(0, image.shape[1] - self.size + 1)
        return image[top:top + self.size, left:left + self.size]


class AddNoise:
    def __init__(self, scale, seed=0):
        self.scale = scale
        self.rng = np.random.default_rng(seed)

    def __call__(self, image):
        return image + self.rng.normal(0.0, self.scale, size=image.shape)
