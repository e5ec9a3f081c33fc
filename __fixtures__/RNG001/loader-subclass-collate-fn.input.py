import numpy as np
from torch.utils.data import DataLoader, Dataset


class MixupLoader(DataLoader):
    """Mixes each batch; the collate function runs in the workers."""

    def __init__(self, dataset, alpha=0.2, **kwargs):
        self.alpha = alpha
        super().__init__(dataset, collate_fn=self.mixup, **kwargs)

    def mixup(self, batch):
        lam = np.random.beta(self.alpha, self.alpha)  # expect: RNG001
        return [lam * item + (1 - lam) * other for item, other in zip(batch, reversed(batch))]


class Plain(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, index):
        return float(index)


loader = MixupLoader(Plain(), batch_size=4, num_workers=4)
