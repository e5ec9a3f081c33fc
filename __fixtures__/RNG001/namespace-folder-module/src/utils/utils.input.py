import numpy as np


def random_shift(signal, max_shift=16):
    return np.roll(signal, np.random.randint(-max_shift, max_shift))  # expect: RNG001
