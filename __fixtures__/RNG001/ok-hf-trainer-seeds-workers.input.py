# fixture: --torch-version 1.8
import numpy as np
from torch.utils.data import Dataset
from transformers import Trainer, TrainingArguments


class NoisyEmbeddings(Dataset):
    def __init__(self, vectors):
        self.vectors = vectors

    def __len__(self):
        return len(self.vectors)

    def __getitem__(self, index):
        # The Trainer's loader passes transformers' seed_worker, which seeds NumPy from torch.initial_seed() in every worker.
        return {"inputs_embeds": self.vectors[index] + np.random.normal(0, 0.01, self.vectors[index].shape)}


def train(model, vectors):
    args = TrainingArguments(output_dir="out", dataloader_num_workers=4, dataloader_persistent_workers=True)
    Trainer(model=model, args=args, train_dataset=NoisyEmbeddings(vectors)).train()
