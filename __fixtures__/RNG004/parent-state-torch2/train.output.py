import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class PedestrianClips(Dataset):
    def __init__(self, clips, flip_p=0.5):
        self.clips = clips
        self.flip_p = flip_p

    def __len__(self):
        return len(self.clips)

    def __getitem__(self, index):
        clip = self.clips[index]
        if np.random.rand() < self.flip_p:
            clip = torch.flip(clip, dims=[-1])
        return clip


def worker_init_fn(worker_id):
    # On torch >= 1.9 NumPy is already seeded per worker, so get_state()[1][0]
    # is always 2**31 here: every worker seeds 2**31 + worker_id, every epoch.
    np.random.seed(torch.initial_seed() % 2**32)  # expect: RNG004


if __name__ == "__main__":
    torch.manual_seed(0)
    loader = DataLoader(
        PedestrianClips(torch.rand(16, 8, 3, 32, 32)),
        batch_size=4,
        shuffle=True,
        num_workers=4,
        worker_init_fn=worker_init_fn,
    )
    for epoch in range(2):
        for clips in loader:
            pass
