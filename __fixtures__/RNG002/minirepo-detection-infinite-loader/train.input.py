# README: imitates a single-stage object-detection repository (infinite
# dataloader chosen at run time, correct seed_worker, mosaic/mixup helpers).
import numpy as np

from utils.dataloaders import create_dataloader


def train(epochs=3, batch_size=4):
    images = [np.zeros((32, 32, 3), dtype=np.float32) for _ in range(16)]
    labels = [np.zeros((2, 5), dtype=np.float32) for _ in range(16)]
    train_loader, dataset = create_dataloader(images, labels, batch_size, workers=4)
    for epoch in range(epochs):
        for i, (imgs, targets) in enumerate(train_loader):
            pass


if __name__ == "__main__":
    train()
