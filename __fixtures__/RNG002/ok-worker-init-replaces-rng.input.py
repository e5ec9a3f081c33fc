import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info


class MixupPairs(Dataset):
    def __init__(self, features, alpha=0.4):
        self.features = features
        self.alpha = alpha
        self.rng = np.random.default_rng(0)
        self.gen = torch.Generator().manual_seed(0)

    def __len__(self):
        return len(self.features)

    def __getitem__(self, index):
        lam = self.rng.beta(self.alpha, self.alpha)
        other = int(torch.randint(len(self.features), (1,), generator=self.gen))
        return lam * self.features[index] + (1 - lam) * self.features[other]


def fresh_rngs(worker_id):
    # Each worker replaces the RNG object (new every epoch, follows torch.manual_seed)
    # and reseeds the torch.Generator in place.
    info = get_worker_info()
    info.dataset.rng = np.random.default_rng(info.seed)
    info.dataset.gen.manual_seed(info.seed)


loader = DataLoader(MixupPairs(torch.rand(64, 10)), batch_size=8, num_workers=4, worker_init_fn=fresh_rngs)
