import random

from torch.utils.data import DataLoader, Dataset


class TokenDataset(Dataset):
    def __init__(self, tokens):
        self.tokens = tokens
        self.rng = random.Random(7)

    def __len__(self):
        return len(self.tokens)

    def __getitem__(self, index):
        tokens = list(self.tokens[index])
        self.rng.shuffle(tokens)
        return tokens


loader = DataLoader(TokenDataset([["a", "b", "c"]]), num_workers=2)
