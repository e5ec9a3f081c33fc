# An RNG object read once into a local name and handed to helpers: the
# finding is at the first draw; the fix wraps the read.
import sys

import numpy as np
from torch.utils.data import DataLoader, Dataset, get_worker_info


# Shared by the helpers of every module: each RNG is reseeded once per worker.
_worker_rng_seeds = vars(sys).setdefault("_rng_fix_worker_seeds", {})


def _reseed_for_worker(rng):
    # An RNG object made before the DataLoader starts its workers is copied into
    # each of them with the same state; reseed each copy once per worker from
    # torch's per-worker seed (new every epoch, reproducible with torch.manual_seed).
    worker = get_worker_info()
    if worker is not None and _worker_rng_seeds.get(id(rng)) != worker.seed:
        _worker_rng_seeds[id(rng)] = worker.seed
        seed = worker.seed + len(_worker_rng_seeds) * 2**64  # a distinct stream per object
        rng.set_state(np.random.RandomState(np.random.MT19937(seed)).get_state())
    return rng


class InfillDataset(Dataset):
    def __init__(self, samples, seed, rate=0.5):
        self.samples = samples
        self.rate = rate
        self.np_rng = np.random.RandomState(seed=seed)

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, index):
        sample = list(self.samples[index])
        np_rng = _reseed_for_worker(self.np_rng)
        return self._split_and_permute(sample, np_rng)

    def _split_and_permute(self, sample, np_rng):
        if not np_rng.binomial(1, self.rate):
            return sample
        return self._permute(sample, np_rng)

    def _permute(self, sample, np_rng):
        cut = np_rng.randint(low=0, high=len(sample) + 1)
        return sample[cut:] + sample[:cut]


loader = DataLoader(InfillDataset([[1, 2, 3]] * 8, seed=1234), batch_size=2, num_workers=4)
