# README: imitates a Keras U-Net segmentation repository (Sequence generators
# built by a factory, augmenter with its own RandomState, multiprocessing fit).
import numpy as np
from tensorflow import keras

from unet.generators import make_generators

CFG = {"batch_size": 8, "train_fraction": 0.8, "seed": 42, "workers": 6, "epochs": 5}


def build_model(size=64):
    inputs = keras.Input((size, size, 1))
    x = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(inputs)
    outputs = keras.layers.Conv2D(1, 1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs)


def main():
    images = np.random.rand(80, 64, 64, 1).astype("float32")
    masks = (images > 0.5).astype("float32")
    train_gen, val_gen = make_generators(CFG, images, masks)
    model = build_model()
    model.compile(optimizer="adam", loss="binary_crossentropy")
    model.fit(
        train_gen,
        validation_data=val_gen,
        epochs=CFG["epochs"],
        workers=CFG["workers"],
        use_multiprocessing=True,
    )


if __name__ == "__main__":
    main()
