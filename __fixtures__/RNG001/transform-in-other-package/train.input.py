import torch

from vision.datasets import ImageDataset


def build(images, config):
    return torch.utils.data.DataLoader(
        ImageDataset(images),
        batch_size=config["batch_size"],
        num_workers=config["workers"],  # from the command line
    )
