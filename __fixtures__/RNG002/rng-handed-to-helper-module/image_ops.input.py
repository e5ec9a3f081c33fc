# Colour jitter helpers that draw from whatever RNG object they are given.


def lighting(rng, image, std):
    alpha = rng.normal(scale=std, size=(3,))
    return image + alpha


def color_aug(rng, image):
    return lighting(rng, image * rng.uniform(0.6, 1.4), 0.1)
