# README: imitates a speech pre-training repository (raw-audio dataset cropped
# under a per-item numpy_seed context, epoch-aware datasets, noise mixing).
import argparse

import numpy as np
from torch.utils.data import DataLoader

from audiokit.augment import SpecAugment
from audiokit.raw_audio_dataset import NoiseMixDataset, RawAudioDataset


def collate(samples):
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--num-workers", type=int, default=6)
    parser.add_argument("--max-epoch", type=int, default=3)
    args = parser.parse_args()

    waves = [np.zeros(16000 + 400 * i, dtype=np.float32) for i in range(12)]
    speech = RawAudioDataset(waves, max_sample_size=12000, transform=SpecAugment(seed=3))
    dataset = NoiseMixDataset(speech, noise=np.ones(48000, dtype=np.float32))
    loader = DataLoader(dataset, batch_size=4, num_workers=args.num_workers, collate_fn=collate)
    for epoch in range(1, args.max_epoch + 1):
        speech.set_epoch(epoch)
        for batch in loader:
            pass


if __name__ == "__main__":
    main()
