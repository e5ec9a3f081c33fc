#!/usr/bin/env bash
# Builds, once, the benchmark corpus: the Python sources (.py files only) of
# pinned releases from PyPI, unpacked into a cache folder outside the repository
# (RNG_FIX_CORPUS, default ~/.cache/rng-fix/corpus), one subfolder per project.
# Prints the folder.
#
# Most releases are wheels; the few that PyPI has only as sources (fairseq,
# mmcv) are source archives, downloaded with pip in a throwaway virtual
# environment that has setuptools and wheel (pip prepares an sdist's metadata
# even for a download; --no-build-isolation keeps it from fetching build
# requirements such as torch). Nothing is installed: every download is --no-deps.
#
# The corpus resembles the one the issue "Linear-time analysis in bounded
# memory" was measured on (Lightning, fairseq, diffusers, detectron2,
# accelerate, peft, timm, mmcv), plus torch, torchvision, transformers and the
# OpenMMLab packages, which hold many Dataset classes. detectron2 is not on PyPI.
#
# The .complete marker lists the pins; a corpus built from another list is
# rebuilt.
set -euo pipefail
corpus="${RNG_FIX_CORPUS:-$HOME/.cache/rng-fix/corpus}"
wheels=(
  torch==2.13.0 torchvision==0.28.0 transformers==5.24.0 diffusers==0.42.1
  timm==1.0.31 lightning==2.6.6 accelerate==1.15.0 peft==0.21.2
  mmengine==0.10.7 mmdet==3.3.0
)
sources=(fairseq==0.12.2 mmcv==2.2.0)
pins="$(printf '%s\n' "${wheels[@]}" "${sources[@]}")"
if [ -f "$corpus/.complete" ] && [ "$(cat "$corpus/.complete")" = "$pins" ]; then
  echo "$corpus"
  exit 0
fi
python="${PYTHON:-python3}"
download="$(mktemp -d)"
trap 'rm -rf "$download"' EXIT
rm -rf "$corpus"
mkdir -p "$corpus"
"$python" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: --dest "$download" "${wheels[@]}" >&2
"$python" -m venv "$download/venv" >&2
"$download/venv/bin/python" -m pip install --quiet --disable-pip-version-check setuptools wheel >&2
"$download/venv/bin/python" -m pip download --quiet --disable-pip-version-check --no-deps --no-binary=:all: \
  --no-build-isolation --dest "$download" "${sources[@]}" >&2
for file in "$download"/*.whl "$download"/*.tar.gz; do
  name="$(basename "$file" | sed -E 's/-[0-9].*//')"
  "$python" - "$file" "$corpus/$name" <<'PY'
import os, sys, tarfile, zipfile
archive, target = sys.argv[1], sys.argv[2]
if archive.endswith(".whl"):
    with zipfile.ZipFile(archive) as wheel:
        for member in wheel.namelist():
            if member.endswith(".py"):
                wheel.extract(member, target)
else:
    # A source archive: its .py files, without the top folder (name-version/).
    safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
    with tarfile.open(archive) as sdist:
        for member in sdist.getmembers():
            parts = member.name.split("/")[1:]
            if member.isfile() and member.name.endswith(".py") and parts and ".." not in parts:
                member.name = "/".join(parts)
                sdist.extract(member, target, **safe)
PY
done
printf '%s\n' "$pins" > "$corpus/.complete"
echo "$corpus"
