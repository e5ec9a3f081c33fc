import numpy as np
from megatron.core.datasets.gpt_dataset import GPTDataset


class FIMDataset(GPTDataset):
    """Megatron's GPTDataset.__getitem__ asks the subclass for every sample."""

    def __init__(self, *args, fim_rate=0.5, seed=1234, **kwargs):
        super().__init__(*args, **kwargs)
        self.fim_rate = fim_rate
        self.np_rng = np.random.RandomState(seed=seed)

    def _query_document_sample_shuffle_indices(self, idx):
        sample, document_ids = super()._query_document_sample_shuffle_indices(idx)
        if self.np_rng.binomial(1, self.fim_rate):  # expect: RNG002
            split = self.np_rng.randint(0, len(sample) + 1)  # expect: RNG002
            sample = np.concatenate([sample[split:], sample[:split]])
        return sample, document_ids
