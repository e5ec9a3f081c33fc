import imgaug
import imgaug.augmenters as iaa
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info


class RetinaDataset(Dataset):
    def __init__(self, scans, seed):
        self.scans = scans
        # Seeded augmenters keep a generator of their own instead of imgaug's global one.
        self.augmenter = iaa.Sequential([
            iaa.Fliplr(0.5, seed=seed),
            iaa.LinearContrast((0.75, 1.5), seed=seed + 1),
            iaa.AdditiveGaussianNoise(scale=(0, 8), seed=seed + 2),
        ])

    def __len__(self):
        return len(self.scans)

    def __getitem__(self, index):
        scan = self.augmenter(image=self.scans[index])  # expect: RNG005
        return torch.from_numpy(scan).float()


def init_worker(worker_id):
    imgaug.seed(torch.initial_seed() % 2**32)
    get_worker_info().dataset.augmenter.seed_(torch.initial_seed() % 2**32)


def make_loader(num_workers):
    scans = [np.full((4, 4, 3), 90, dtype=np.uint8) for _ in range(16)]
    return DataLoader(RetinaDataset(scans, seed=42), batch_size=2, num_workers=num_workers, worker_init_fn=init_worker)
