import numpy as np
from torch.utils.data import DataLoader, Dataset, get_worker_info


class PointCloudDataset(Dataset):
    def __init__(self, clouds):
        self.clouds = clouds
        self.rng = np.random.default_rng(0)

    def __len__(self):
        return len(self.clouds)

    def augment(self, points):
        info = get_worker_info()
        if info is not None:
            # A new RNG for every item, from a seed that is the same for every item of this worker.
            seeds = np.random.SeedSequence(info.seed + info.id)
            rng = np.random.default_rng(seeds.spawn(1)[0])  # expect: RNG004
        else:
            rng = self.rng
        angle = rng.uniform(0, 2 * np.pi)
        c, s = np.cos(angle), np.sin(angle)
        return points @ np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])

    def __getitem__(self, index):
        return self.augment(self.clouds[index])


loader = DataLoader(PointCloudDataset([np.zeros((128, 3))] * 32), batch_size=8, num_workers=4)
