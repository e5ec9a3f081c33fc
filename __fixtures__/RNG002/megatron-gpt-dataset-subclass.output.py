import sys

import numpy as np
from megatron.core.datasets.gpt_dataset import GPTDataset
from torch.utils.data import get_worker_info


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


class FIMDataset(GPTDataset):
    """Megatron's GPTDataset.__getitem__ asks the subclass for every sample."""

    def __init__(self, *args, fim_rate=0.5, seed=1234, **kwargs):
        super().__init__(*args, **kwargs)
        self.fim_rate = fim_rate
        self.np_rng = np.random.RandomState(seed=seed)

    def _query_document_sample_shuffle_indices(self, idx):
        sample, document_ids = super()._query_document_sample_shuffle_indices(idx)
        if _reseed_for_worker(self.np_rng).binomial(1, self.fim_rate):  # expect: RNG002
            split = _reseed_for_worker(self.np_rng).randint(0, len(sample) + 1)  # expect: RNG002
            sample = np.concatenate([sample[split:], sample[:split]])
        return sample, document_ids
