#!/usr/bin/env bash
# Creates the project-local Python environments that the runtime proofs use:
# .venv-test/ (torch, NumPy, Keras 3) from the pinned test/runtime/requirements.txt,
# and .venv-tf/ (TensorFlow 2.15 with tf.keras 2) from requirements-tf.txt.
# Safe to re-run: pip installs nothing when the pins are already met.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
if [ ! -x .venv-test/bin/python ]; then
  "$python" -m venv .venv-test
fi
.venv-test/bin/python -m pip install --quiet --disable-pip-version-check -r test/runtime/requirements.txt
KERAS_BACKEND=torch .venv-test/bin/python -c 'import torch, numpy, keras; print(f"runtime proofs: torch {torch.__version__}, numpy {numpy.__version__}, keras {keras.__version__}")'
# tf.keras 2.x for the Keras 2 Sequence proof: skipped with RNG_FIX_SKIP_TF=1.
if [ "${RNG_FIX_SKIP_TF:-0}" != "1" ]; then
  if [ ! -x .venv-tf/bin/python ]; then
    "$python" -m venv .venv-tf
  fi
  .venv-tf/bin/python -m pip install --quiet --disable-pip-version-check -r test/runtime/requirements-tf.txt
  .venv-tf/bin/python -c 'import os; os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"; import tensorflow as tf; print(f"Keras 2 proof: tensorflow {tf.__version__}")'
fi
