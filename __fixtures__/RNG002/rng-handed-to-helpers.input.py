# An RNG object read once into a local name and handed to helpers: the
# finding is at the first draw; the fix wraps the read.
import numpy as np
from torch.utils.data import DataLoader, Dataset


class InfillDataset(Dataset):
    def __init__(self, samples, seed, rate=0.5):
        self.samples = samples
        self.rate = rate
        self.np_rng = np.random.RandomState(seed=seed)

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, index):
        sample = list(self.samples[index])
        np_rng = self.np_rng
        return self._split_and_permute(sample, np_rng)

    def _split_and_permute(self, sample, np_rng):
        if not np_rng.binomial(1, self.rate):
            return sample
        return self._permute(sample, np_rng)

    def _permute(self, sample, np_rng):
        cut = np_rng.randint(low=0, high=len(sample) + 1)
        return sample[cut:] + sample[:cut]


loader = DataLoader(InfillDataset([[1, 2, 3]] * 8, seed=1234), batch_size=2, num_workers=4)
