"""Runs harness scripts in forked children of one process that imported the heavy libraries once.

Importing torch takes about 2 s, albumentations and MONAI several more: far longer
than a measurement itself. This process imports the modules named on its command
line, then reads one JSON request a line from stdin,
{"harness": path, "args": [...], "cwd": path}, and for each forks a child that
runs the harness as `__main__` (as `python harness args...` would, in `cwd`),
with its stdout and stderr sent to files. It answers with one JSON line:
{"status": exit status, "stdout": text, "stderr": text}.

Each child starts from the same freshly imported state and its changes (seeds,
patched flags, imported programs) die with it. DataLoader workers are forked
from the child, as they would be from a plain `python harness` process.
"""
import importlib
import json
import os
import runpy
import signal
import sys
import tempfile
import traceback


def run_child(request, out_path, err_path):
    out = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(out, 1)
    os.dup2(err, 2)
    os.close(out)
    os.close(err)
    status = 0
    try:
        os.chdir(request["cwd"])
        harness = request["harness"]
        sys.argv = [harness, *request["args"]]
        # `python harness.py` puts the script's folder first on the path.
        sys.path.insert(0, os.path.dirname(os.path.abspath(harness)))
        runpy.run_path(harness, run_name="__main__")
    except SystemExit as exit_request:
        code = exit_request.code
        status = code if isinstance(code, int) else (0 if code is None else 1)
        if not isinstance(code, int) and code is not None:
            print(code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def stop(signum, frame):
    # Leave through `with`, so the scratch folder is removed.
    raise SystemExit(0)


def main():
    signal.signal(signal.SIGTERM, stop)
    for name in sys.argv[1:]:
        importlib.import_module(name)
    answers = sys.stdout
    answers.write(json.dumps({"ready": True}) + "\n")
    answers.flush()
    with tempfile.TemporaryDirectory(prefix="rng-fix-zygote-") as scratch:
        out_path = os.path.join(scratch, "stdout")
        err_path = os.path.join(scratch, "stderr")
        for line in sys.stdin:
            if not line.strip():
                continue
            request = json.loads(line)
            pid = os.fork()
            if pid == 0:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                run_child(request, out_path, err_path)
            _, wait_status = os.waitpid(pid, 0)
            with open(out_path, encoding="utf-8", errors="replace") as out, open(err_path, encoding="utf-8", errors="replace") as err:
                answer = {"status": os.waitstatus_to_exitcode(wait_status), "stdout": out.read(), "stderr": err.read()}
            answers.write(json.dumps(answer) + "\n")
            answers.flush()


if __name__ == "__main__":
    main()
