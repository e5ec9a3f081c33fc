# The model class is registered by a module-level call under an `if`, written
# over several lines, in a module nothing imports, and built from a config name
# through a helper that is handed the registry; its bound method is the dataset
# transform.
from pkg.pipeline import Pipeline
from pkg.registry import get_module


def main(name):
    Model = get_module("model", name, "torch")
    model = Model()
    Pipeline(model).run_train(list(range(8)))
