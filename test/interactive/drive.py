"""Drives a command through a real pseudo-terminal, answering its prompts.

Usage: drive.py SCRIPT_JSON -- COMMAND [ARGS...]

SCRIPT_JSON is a list of [pattern, answer] pairs: wait until the output since
the previous answer matches the regular expression `pattern`, then type
`answer` and Enter. Prints a JSON object with the whole transcript (ANSI
escapes removed) and the command's exit code.
"""
import json
import os
import pty
import re
import select
import sys
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]")


def read_available(fd, timeout):
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:
        return None


def main():
    separator = sys.argv.index("--")
    script = json.loads(sys.argv[1])
    command = sys.argv[separator + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm"
        os.execvp(command[0], command)
    transcript = ""
    since_answer = ""
    deadline = time.time() + 60
    for pattern, answer in script:
        while not re.search(pattern, ANSI.sub("", since_answer)):
            chunk = read_available(fd, 0.2)
            if chunk is None or time.time() > deadline:
                raise SystemExit(f"never saw {pattern!r}; transcript so far:\n{ANSI.sub('', transcript)}")
            text = chunk.decode("utf-8", "replace")
            transcript += text
            since_answer += text
        since_answer = ""
        time.sleep(0.1)
        os.write(fd, answer.encode() + b"\r")
    while True:
        chunk = read_available(fd, 1.0)
        if chunk is None:
            break
        if chunk == b"" and time.time() > deadline:
            break
        transcript += chunk.decode("utf-8", "replace")
    _, status = os.waitpid(pid, 0)
    print(json.dumps({"transcript": ANSI.sub("", transcript).replace("\r", ""), "exit_code": os.waitstatus_to_exitcode(status)}))


if __name__ == "__main__":
    main()
