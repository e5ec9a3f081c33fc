import numpy as np
from tensorflow import keras


class TokenBatches(keras.utils.Sequence):
    def __init__(self, sentences):
        self.sentences = sentences

    def __len__(self):
        return len(self.sentences)

    def __getitem__(self, index):
        tokens = self.sentences[index].split()
        np.random.shuffle(tokens)
        return tokens, len(tokens)


def train(model, sentences):
    model.fit(TokenBatches(sentences), epochs=3, workers=4, use_multiprocessing=True)
