import sys

import albumentations as A
import numpy as np
from torch.utils.data import Dataset, get_worker_info
from transformers import Trainer, TrainingArguments


# Shared by the helpers of every module: each RNG is reseeded once per worker.
_worker_rng_seeds = vars(sys).setdefault("_rng_fix_worker_seeds", {})


def _reseed_albumentations_for_worker(pipeline):
    # Augmentation pipelines hold their own RNG, copied unchanged into every
    # DataLoader worker; reseed each copy once per worker from torch's per-worker seed.
    worker = get_worker_info()
    if worker is not None and _worker_rng_seeds.get(id(pipeline)) != worker.seed:
        _worker_rng_seeds[id(pipeline)] = worker.seed
        pipeline.set_random_seed(hash((worker.seed, len(_worker_rng_seeds))) % 2**32)
    return pipeline


class PatchDataset(Dataset):
    def __init__(self, images, labels):
        self.images = images
        self.labels = labels
        self.augment = A.Compose([A.HorizontalFlip(p=0.5), A.RandomBrightnessContrast(p=0.5)])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        # transformers' seed_worker reseeds Python's, NumPy's and torch's RNGs, not this pipeline's own.
        image = _reseed_albumentations_for_worker(self.augment)(image=self.images[index])["image"]  # expect: RNG005
        return {"pixel_values": np.transpose(image, (2, 0, 1)), "labels": self.labels[index]}


def train(model, images, labels):
    args = TrainingArguments(output_dir="vit", dataloader_num_workers=8)
    trainer = Trainer(model=model, args=args, train_dataset=PatchDataset(images, labels))
    trainer.train()
