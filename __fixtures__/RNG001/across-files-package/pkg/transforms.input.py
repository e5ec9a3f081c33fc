import numpy as np


class RandomGamma:
    def __init__(self, low=0.8, high=1.2):
        self.low = low
        self.high = high

    def __call__(self, image):
        gamma = np.random.uniform(self.low, self.high)  # expect: RNG001
        return image ** gamma


class Compose:
    def __init__(self, transforms):
        self.transforms = transforms

    def __call__(self, image):
        for t in self.transforms:
            image = t(image)
        return image


def train_transforms():
    return Compose([RandomGamma()])
