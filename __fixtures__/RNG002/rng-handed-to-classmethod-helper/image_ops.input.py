# Colour helpers on a class: `cls` is bound by the call, not passed.


class ColorOps:
    @classmethod
    def color_aug(cls, image, rng, *extra, scale=1.0, **options):
        image = image * scale
        options.pop("unused", None)
        return cls.lighting(image, rng)

    @staticmethod
    def lighting(image, rng):
        return image + rng.normal(scale=0.1, size=(3,))
