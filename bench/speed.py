"""Start-up and wall time of the command lines, ``certify run`` and the test suite.

    python bench/speed.py                 # import time per command (a few seconds)
    python bench/speed.py --run           # ... and certify run (about 15 s)
    python bench/speed.py --run --suite   # ... and python -m pytest -q (about a minute)
    python bench/speed.py --repeat 5      # best of 5 per command (default 3)
    python bench/speed.py --tree ../main  # the same numbers for another checkout (before/after)

Import time is the sum of the top-level entries of ``python -X importtime`` for the command
line as a user types it (what it loads before and while it works); wall and CPU (user + sys of
the child processes) are measured around the whole process.  The machine is shared: compare
numbers taken in the same conditions, and prefer CPU to wall.  Targets (issue 8): ``certify run``
<= 10 s wall, the test suite <= 60 s wall on 2 cores.

Measured 2026-12-01 on the shared 2-core machine (load average 4-6 from other jobs, so wall
times are about twice an idle machine's), before (e1f8f21) -> after (branch speed), same
conditions back to back:

    import ms (best of 3): --version 995 -> 142, prove 1245 -> 1045, bound 1331 -> 1160,
                           report 854 -> 96, check 1566 -> 1324, criterion 1280 -> 1028;
                           simulate and run --lemma (numpy, sympy, the lemmas) unchanged
    certify run (user+sys), warm symbolic cache: 27-32 s -> 24-28 s; cold: 37 s -> 29-32 s
    pytest -q (2 workers): 407 s wall, 346 CPU-s -> 325 s wall, 290 CPU-s
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
OUT = tempfile.mkdtemp(prefix="certify-bench-")

COMMANDS = {
    "--version": ["--version"],
    "prove": ["prove", "x > 0", "--over", "x in [1, 2]"],
    "bound": ["bound", "x**2", "--over", "x in [1, 2]", "--min"],
    "report": ["report", "reports/certificate.json", "--out", os.path.join(OUT, "r.md")],
    "check": ["check", "reports/criterion.json", "--quiet"],
    "criterion": ["criterion", "sin(x)"],
    "simulate": ["simulate", "trajectories", "--n", "8", "--horizon", "0.1", "--out", OUT, "--quiet"],
    "run --lemma": ["run", "--lemma", "A.1", "--out", os.path.join(OUT, "A.1"), "--quiet"],
}


def _env():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.setdefault("CERTIFY_CACHE", os.path.join(OUT, "cache"))
    return env


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """(wall, CPU of the child, stderr) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, env=_env(), capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode not in (0, 1, 3):
        sys.exit(f"{' '.join(cmd)}: exit {p.returncode}\n{p.stderr[-2000:]}")
    return wall, cpu, p.stderr


def import_ms(stderr: str) -> float:
    """Sum of the top-level cumulative times in ``-X importtime`` output."""
    rows = re.findall(r"import time:\s+\d+ \|\s+(\d+) \| (\S)", stderr)
    return sum(int(cum) for cum, first in rows if first != " ") / 1000


def commands(repeat: int) -> None:
    print(f"{'command':<14} {'import ms':>10} {'wall s':>8} {'CPU s':>7}   (best of {repeat})")
    for name, args in COMMANDS.items():
        best = None
        for _ in range(repeat):
            _, _, err = timed([PY, "-X", "importtime", "-m", "certify.cli", *args])
            wall, cpu, _ = timed([PY, "-m", "certify.cli", *args])
            row = (import_ms(err), wall, cpu)
            best = row if best is None else tuple(map(min, best, row))
        print(f"{name:<14} {best[0]:>10.0f} {best[1]:>8.2f} {best[2]:>7.2f}")


def run() -> None:
    wall, cpu, _ = timed([PY, "-m", "certify.cli", "run", "--out", os.path.join(OUT, "run"), "--quiet"])
    print(f"{'certify run':<14} {'':>10} {wall:>8.2f} {cpu:>7.2f}   (reports in {OUT}/run)")


def suite() -> None:
    wall, cpu, _ = timed([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider"])
    print(f"{'pytest -q':<14} {'':>10} {wall:>8.2f} {cpu:>7.2f}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--run", action="store_true", help="also time certify run (full, into a temporary folder)")
    ap.add_argument("--suite", action="store_true", help="also time the test suite")
    ap.add_argument("--tree", type=Path, help="the checkout to time (default: this one)")
    a = ap.parse_args()
    ROOT = (a.tree or ROOT).resolve()
    commands(a.repeat)
    if a.run:
        run()
    if a.suite:
        suite()
