import random


def brightness(rng, image, var):
    return image * (1.0 + rng.uniform(low=-var, high=var))


def contrast(rng, image, var):
    return image * (1.0 + rng.uniform(low=-var, high=var))


def lighting(rng, image, std):
    alpha = rng.normal(scale=std, size=(3,))
    return image + alpha


def color_aug(rng, image):
    functions = [brightness, contrast]
    random.shuffle(functions)
    for f in functions:
        image = f(rng, image, 0.4)
    return lighting(rng, image, 0.1)
