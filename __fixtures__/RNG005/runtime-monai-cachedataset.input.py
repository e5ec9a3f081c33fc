import numpy as np
from monai.data import CacheDataset
from monai.transforms import Compose, EnsureTyped, RandGaussianNoised, RandSpatialCropd, ScaleIntensityd
from torch.utils.data import DataLoader


def make_loader(num_workers):
    volumes = [{"image": np.linspace(0, 1, 16 * 16 * 16, dtype=np.float32).reshape(1, 16, 16, 16)} for _ in range(16)]
    train_transforms = Compose([
        ScaleIntensityd(keys=["image"]),
        # The random transforms run in the workers, after the cached deterministic ones.
        RandSpatialCropd(keys=["image"], roi_size=(4, 4, 4), random_size=False),
        RandGaussianNoised(keys=["image"], prob=1.0, std=0.05),
        EnsureTyped(keys=["image"]),
    ])
    dataset = CacheDataset(data=volumes, transform=train_transforms, cache_rate=1.0, num_workers=None, progress=False)  # expect: RNG005
    return DataLoader(dataset, batch_size=2, num_workers=num_workers, collate_fn=lambda batch: np.stack([item["image"].numpy() for item in batch]))
