import imgaug.augmenters as iaa
import numpy as np
import torch
from torch.utils.data import Dataset


class SegmentationDataset(Dataset):
    def __init__(self, images, masks):
        self.images = images
        self.masks = masks
        self.augs = iaa.Sequential([
            iaa.Fliplr(0.5),
            iaa.Affine(rotate=(-10, 10)),
            iaa.AdditiveGaussianNoise(scale=(0, 10)),
        ])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        # One deterministic copy per item, so that image and mask get the same geometry.
        det = self.augs.to_deterministic()  # expect: RNG005
        image = det.augment_image(self.images[index])
        mask = det.augment_image(self.masks[index])
        return torch.from_numpy(np.concatenate([image, mask], axis=-1).astype(np.float32))
