# README: imitates a self-supervised contrastive pre-training repository
# (ImageFolder + two-crop transform, blur augmentation with its own RNG).
import argparse

import torch
import torchvision.datasets as datasets
import torchvision.transforms as transforms

from sslkit.loader import GaussianBlur, Solarize, TwoCropsTransform


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("-j", "--workers", default=32, type=int)
    parser.add_argument("-b", "--batch-size", default=256, type=int)
    parser.add_argument("--seed", default=None, type=int)
    args = parser.parse_args()

    normalize = transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])
    augmentation = [
        transforms.RandomResizedCrop(224, scale=(0.2, 1.0)),
        transforms.RandomApply([transforms.ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8),
        transforms.RandomGrayscale(p=0.2),
        transforms.RandomApply([GaussianBlur(seed=args.seed)], p=0.5),
        Solarize(),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
        normalize,
    ]
    train_dataset = datasets.ImageFolder(
        args.data + "/train", TwoCropsTransform(transforms.Compose(augmentation))
    )
    train_loader = torch.utils.data.DataLoader(
        train_dataset,
        batch_size=args.batch_size,
        shuffle=True,
        num_workers=args.workers,
        pin_memory=True,
        drop_last=True,
    )
    for epoch in range(2):
        for images, _ in train_loader:
            pass


if __name__ == "__main__":
    main()
