"""Loaded by Python at start-up when `rng-fix verify` puts this folder first on PYTHONPATH.

It installs rng-fix's probe (rng_fix_probe.py), then runs the sitecustomize
module this one hides, if the environment has one, so that nothing the
environment does at start-up is lost.
"""
import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))
if _here not in sys.path:
    sys.path.insert(0, _here)

import rng_fix_probe  # noqa: E402

rng_fix_probe.install()

for _entry in sys.path:
    _candidate = os.path.join(_entry or ".", "sitecustomize.py")
    if os.path.abspath(_entry or ".") != _here and os.path.isfile(_candidate):
        with open(_candidate, encoding="utf-8") as _handle:
            exec(compile(_handle.read(), _candidate, "exec"), {"__name__": "sitecustomize", "__file__": _candidate})
        break
