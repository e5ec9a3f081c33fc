#!/usr/bin/env bash
# Creates the project-local Python environments that the runtime proofs use:
# .venv-test/ (torch, NumPy, Keras 3) from the pinned test/runtime/requirements.txt,
# .venv-tf/ (TensorFlow 2.15 with tf.keras 2) from requirements-tf.txt, and for
# RNG005 .venv-aug/ (albumentations, MONAI) from requirements-aug.txt and
# .venv-imgaug/ (imgaug, which needs NumPy < 2) from requirements-imgaug.txt.
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
# Augmentation libraries for RNG005's proofs: skipped with RNG_FIX_SKIP_AUG=1.
if [ "${RNG_FIX_SKIP_AUG:-0}" != "1" ]; then
  for env in aug imgaug; do
    if [ ! -x ".venv-$env/bin/python" ]; then
      "$python" -m venv ".venv-$env"
    fi
    ".venv-$env/bin/python" -m pip install --quiet --disable-pip-version-check -r "test/runtime/requirements-$env.txt"
  done
  NO_ALBUMENTATIONS_UPDATE=1 .venv-aug/bin/python -c 'import albumentations, monai; print(f"RNG005 proofs: albumentations {albumentations.__version__}, monai {monai.__version__}")'
  .venv-imgaug/bin/python -c 'import imgaug; print(f"RNG005 proofs: imgaug {imgaug.__version__}")'
fi
