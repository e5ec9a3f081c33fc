"""Runs an RNG005 fixture program's DataLoader and prints what it yields, as JSON.

Like harness.py (the program defines `make_loader(num_workers)`; each measurement
seeds Python, NumPy and torch with the same seed, builds the loader and reads it
for the given number of epochs), and also reports the versions of the
augmentation libraries it imported, so a figure always names what it measured.
"""
import argparse
import json
import os
import sys
import warnings

# Albumentations checks PyPI for updates on import (and AlbumentationsX may send
# telemetry); neither belongs in a measurement.
os.environ.setdefault("NO_ALBUMENTATIONS_UPDATE", "1")
os.environ.setdefault("ALBUMENTATIONS_OFFLINE", "1")
os.environ.setdefault("ALBUMENTATIONS_NO_TELEMETRY", "1")

from harness import read_epochs  # noqa: E402
from harness_support import load_program  # noqa: E402

LIBRARIES = {"albumentations": ("albumentations", "albumentationsx"), "imgaug": ("imgaug",), "monai": ("monai", "monai-weekly")}


def libraries_used_by(program):
    """The augmentation libraries the names of the program's modules (it and the
    modules beside it that it imported) come from (`import albumentations as A`,
    `from monai.transforms import Compose`). Not all of `sys.modules`: the test
    zygote has imported every library already."""
    folder = os.path.dirname(os.path.abspath(program.__file__))
    own = [module for module in list(sys.modules.values()) if os.path.dirname(os.path.abspath(getattr(module, "__file__", None) or os.sep)) == folder]
    used = set()
    for module in own:
        for value in vars(module).values():
            name = value.__name__ if isinstance(value, type(sys)) else getattr(value, "__module__", None)
            if isinstance(name, str) and name.split(".")[0] in LIBRARIES:
                used.add(name.split(".")[0])
    return used


def library_versions(program):
    """Versions of the augmentation libraries the program uses, named by the
    distribution that provided the imported module (albumentations and
    albumentationsx both install the module `albumentations`)."""
    from importlib import metadata
    from pathlib import Path

    found = {}
    used = libraries_used_by(program)
    for module, distributions in LIBRARIES.items():
        if module not in used:
            continue
        loaded = Path(sys.modules[module].__file__).parent.resolve()
        for distribution in distributions:
            try:
                installed = metadata.distribution(distribution)
            except metadata.PackageNotFoundError:
                continue
            if Path(installed.locate_file(module)).resolve() == loaded:
                found[distribution] = installed.version
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("program")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="This DataLoader will create")
    warnings.filterwarnings("ignore", category=UserWarning, module="albumentations")
    program = load_program(args.program)
    result = {
        "workers": read_epochs(program, args.workers, args.epochs, args.seed),
        "main": read_epochs(program, 0, args.epochs, args.seed),
        "versions": library_versions(program),
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
