import numpy as np
from datasets import load_dataset
from torch.utils.data import DataLoader

NOISE = np.random.default_rng(0)


def add_noise(batch):
    # Hugging Face datasets call the transform on every __getitem__, in the DataLoader worker.
    batch["pixel_values"] = [np.asarray(image) + NOISE.normal(0, 0.1) for image in batch["image"]]  # expect: RNG002
    return batch


def train_loader(workers=4):
    train = load_dataset("cifar10")["train"]
    train.set_transform(add_noise)
    return DataLoader(train, batch_size=64, shuffle=True, num_workers=workers)


def eval_loader(workers=4):
    test = load_dataset("cifar10", split="test").with_transform(add_noise)
    return DataLoader(test, batch_size=64, num_workers=workers)
