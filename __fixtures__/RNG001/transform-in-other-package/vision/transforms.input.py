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
        top = np.random.randint(0, len(image) - self.size + 1)
        return image[top:top + self.size]


class Normalize:
    def __call__(self, image):
        return [value / 255 for value in image]
