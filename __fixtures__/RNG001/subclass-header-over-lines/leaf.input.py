import numpy as np

from middle import Middle


class Leaf(
    Middle,  # the shared base of the experiment's sets
):
    def augment(self, value):
        return value + np.random.rand()  # expect: RNG001
