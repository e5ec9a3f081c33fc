# A mixin hands the RNG object that the base it is combined with (chosen
# from a dict, in a factory) stores to helpers, one in a loop over a list of
# functions: the finding is at the first draw, the fix wraps the hand-over.
from torch.utils.data import Dataset

from image_ops import color_aug


class PoseSample(Dataset):
    def __getitem__(self, index):
        return color_aug(self._data_rng, self.images[index])
