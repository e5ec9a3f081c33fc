#!/usr/bin/env bash
# Builds, once, the benchmark corpus: the Python sources of pinned wheels from
# PyPI, unpacked into a cache folder outside the repository
# (RNG_FIX_CORPUS, default ~/.cache/rng-fix/corpus). Prints the folder.
set -euo pipefail
corpus="${RNG_FIX_CORPUS:-$HOME/.cache/rng-fix/corpus}"
wheels=(torch==2.13.0 transformers==5.24.0 diffusers==0.42.1 timm==1.0.31 lightning==2.6.6)
if [ -f "$corpus/.complete" ]; then
  echo "$corpus"
  exit 0
fi
python="${PYTHON:-python3}"
download="$(mktemp -d)"
trap 'rm -rf "$download"' EXIT
rm -rf "$corpus"
mkdir -p "$corpus"
for wheel in "${wheels[@]}"; do
  "$python" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: --dest "$download" "$wheel" >&2
done
for file in "$download"/*.whl; do
  name="$(basename "$file" | cut -d- -f1)"
  "$python" - "$file" "$corpus/$name" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    for member in wheel.namelist():
        if member.endswith(".py"):
            wheel.extract(member, sys.argv[2])
PY
done
touch "$corpus/.complete"
echo "$corpus"
