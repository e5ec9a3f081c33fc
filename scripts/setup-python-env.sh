#!/usr/bin/env bash
# Creates the project-local Python environment that the runtime proofs use
# (.venv-test/), from the pinned test/runtime/requirements.txt. Safe to re-run:
# pip installs nothing when the pins are already met.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
if [ ! -x .venv-test/bin/python ]; then
  "$python" -m venv .venv-test
fi
.venv-test/bin/python -m pip install --quiet --disable-pip-version-check -r test/runtime/requirements.txt
KERAS_BACKEND=torch .venv-test/bin/python -c 'import torch, numpy, keras; print(f"runtime proofs: torch {torch.__version__}, numpy {numpy.__version__}, keras {keras.__version__}")'
