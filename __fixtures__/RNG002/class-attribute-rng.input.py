import numpy as np
from torch.utils.data import DataLoader, Dataset


class MaskedPatches(Dataset):
    # Made once, at import, in the parent: every worker gets a copy.
    rng = np.random.default_rng(5)
    mask_ratio = 0.75

    def __init__(self, images):
        self.images = images

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        image = self.images[index]
        mask = self.rng.random(16) < self.mask_ratio  # expect: RNG002
        order = MaskedPatches.rng.permutation(16)  # expect: RNG002
        return image, mask, order


loader = DataLoader(MaskedPatches(np.zeros((8, 3, 32, 32))), batch_size=4, num_workers=2)
