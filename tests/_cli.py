"""The command line for tests: in this process, or as a real process.

``run_cli`` calls the same ``certify.cli.main`` as ``python -m certify.cli`` in the test process
(working directory, stdout and stderr redirected for the call), so a test of what a command
prints and returns does not pay a new interpreter and its imports (~1 s each).  ``run_process``
starts the real process: for what only a process shows (the installed entry point, start-up,
a wall-clock timeout, a closed pipe); each command keeps at least one such test.
Both return a ``subprocess.CompletedProcess`` (``returncode``, ``stdout``, ``stderr``).
"""
from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    from certify.cli import main
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:          # argparse: --help, --version
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["certify", *args], code, out.getvalue(), err.getvalue())


def run_process(*args, cwd=ROOT, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "certify.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)
