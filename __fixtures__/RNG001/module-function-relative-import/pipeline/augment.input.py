import numpy as np


def jitter(value, scale=0.1):
    return value + np.random.randn() * scale


def augment(value):
    return jitter(value)
