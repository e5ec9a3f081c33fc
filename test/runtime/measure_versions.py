"""Measures RNG005's version boundaries: which releases of an augmentation library
repeat their random draws across DataLoader workers and epochs.

Run with the .venv-aug interpreter (torch, NumPy 2; for imgaug 0.3 use
.venv-imgaug, which has NumPy < 2):

    .venv-aug/bin/python test/runtime/measure_versions.py albumentations==1.4.20 albumentationsx==2.3.1

Each release is installed with its own dependencies into .venv-versions/<release>/
(NumPy and torch removed, so the environment's own are used; with --no-deps only
the release itself, for libraries whose dependencies the environment already has
at versions they accept, such as imgaug 0.3 in .venv-imgaug) and put first on
PYTHONPATH; then every probe program given with --program (by default the
albumentations, MONAI or imgaug runtime fixtures that fit the library) is read by
aug_harness.py twice: 16 items, 4 workers, 2 epochs. Prints one Markdown table row
per release and program: distinct rows per epoch, rows the second epoch repeats,
and whether a second run with the same torch.manual_seed gives the same data.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "test" / "runtime" / "aug_harness.py"
CACHE = ROOT / ".venv-versions"
FIXTURES = ROOT / "__fixtures__" / "RNG005"
DEFAULT_PROGRAMS = {
    "albumentations": [
        "runtime-albumentations-compose-in-init.input.py",
        "runtime-albumentations-seeded-compose.input.py",
        "runtime-albumentations-bare-transform.input.py",
        "runtime-albumentations-compose-in-init.output.py",
    ],
    "albumentationsx": [
        "runtime-albumentations-compose-in-init.input.py",
        "runtime-albumentations-seeded-compose.input.py",
        "runtime-albumentations-bare-transform.input.py",
        "runtime-albumentations-compose-in-init.output.py",
    ],
    "monai": ["runtime-monai-torch-dataloader.input.py", "ok-monai-dataloader.input.py", "runtime-monai-torch-dataloader.output.py"],
    "imgaug": ["runtime-imgaug-module-level.input.py", "runtime-imgaug-in-init.input.py", "runtime-imgaug-module-level.output.py"],
}
# Left to the environment: replacing them would measure a different torch or NumPy.
KEEP_FROM_ENVIRONMENT = ("numpy", "torch", "nvidia", "triton")


def install(release, no_deps):
    target = CACHE / release.replace("==", "-")
    if not (target / ".complete").exists():
        shutil.rmtree(target, ignore_errors=True)
        options = ["--no-deps"] if no_deps else []
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *options, "--target", str(target), release], check=True)
        for entry in target.iterdir():
            if entry.name.lower().startswith(KEEP_FROM_ENVIRONMENT):
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        (target / ".complete").touch()
    return target


def measure(program, pythonpath):
    env = {**os.environ, "PYTHONPATH": str(pythonpath), "NO_ALBUMENTATIONS_UPDATE": "1"}
    run = subprocess.run([sys.executable, str(HARNESS), str(program)], capture_output=True, text=True, env=env, cwd=program.parent)
    if run.returncode != 0:
        return None, run.stderr.strip().splitlines()[-1]
    return json.loads(run.stdout), None


def key(row):
    return ",".join(map(str, row))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("releases", nargs="+", help="package==version")
    parser.add_argument("--program", action="append", help="a program defining make_loader(num_workers)")
    parser.add_argument("--no-deps", action="store_true", help="install only the releases, not their dependencies")
    args = parser.parse_args()
    print("| release | program | distinct per epoch | repeated next epoch | reproducible |")
    print("|---|---|---|---|---|")
    for release in args.releases:
        target = install(release, args.no_deps)
        package = release.split("==")[0].lower()
        programs = [Path(p).resolve() for p in args.program] if args.program else [FIXTURES / name for name in DEFAULT_PROGRAMS[package]]
        for program in programs:
            first, error = measure(program, target)
            second, _ = measure(program, target) if first else (None, None)
            if first is None:
                print(f"| {release} | {program.name} | fails: {error} | | |", flush=True)
                continue
            epochs = first["workers"]
            distinct = "/".join(f"{len(set(map(key, epoch)))} of {len(epoch)}" for epoch in epochs)
            repeated = len(set(map(key, epochs[0])) & set(map(key, epochs[1])))
            versions = ", ".join(f"{name} {version}" for name, version in first["versions"].items())
            print(f"| {release} ({versions}) | {program.name} | {distinct} | {repeated} | {'yes' if first['workers'] == second['workers'] else 'no'} |", flush=True)


if __name__ == "__main__":
    main()
