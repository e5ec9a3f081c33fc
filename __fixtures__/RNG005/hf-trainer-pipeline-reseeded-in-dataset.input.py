import albumentations as A
import numpy as np
from torch.utils.data import Dataset
from transformers import Trainer, TrainingArguments


class PatchDataset(Dataset):
    def __init__(self, images, labels):
        self.images = images
        self.labels = labels
        self.augment = A.Compose([A.HorizontalFlip(p=0.5), A.RandomBrightnessContrast(p=0.5)])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        # transformers' seed_worker reseeds Python's, NumPy's and torch's RNGs, not this pipeline's own.
        image = self.augment(image=self.images[index])["image"]  # expect: RNG005
        return {"pixel_values": np.transpose(image, (2, 0, 1)), "labels": self.labels[index]}


def train(model, images, labels):
    args = TrainingArguments(output_dir="vit", dataloader_num_workers=8)
    trainer = Trainer(model=model, args=args, train_dataset=PatchDataset(images, labels))
    trainer.train()
