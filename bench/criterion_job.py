"""Benchmark: the criterion job of ``certify run`` (``lemmas/criterion_fbeta.py: run_fbeta``).

Runs the job into a temporary directory ``--repeat`` times and prints one row per run: wall
seconds (imports excluded), CPU seconds of the job's process and of its figure child, the tape
evaluations of the job's process (``Tape.balls`` / ``Tape.intervals`` calls; the child's are
not counted), and the stage timings the job records in criterion.json.  It uses public entry
points only, so an older checkout can be measured side by side on the same machine:

    PYTHONPATH=/path/to/other/checkout python bench/criterion_job.py

The machine is shared: compare the minimum over runs, and the evaluation counts (deterministic).
Target (issue 8): ``certify run`` <= 10 s wall on 2 cores, of which this job runs beside the
lemma workers.

Measured side by side, interleaved, one run each (2-core machine under a load of 3-5 from
other sessions, so the wall times are inflated; the CPU and evaluation counts are the signal):

| checkout                  | wall s | CPU s job | CPU s figure child | balls   | cells on [beta*_pi, 1000] |
|---------------------------|--------|-----------|--------------------|---------|---------------------------|
| main (48742db)            | 37.9   | 19.4      | 7.1                | 733652  | 64                        |
| perf                      | 12.7   | 5.7       | 3.5                | 101764  | 61                        |
| main (48742db)            | 47.2   | 23.2      | 8.3                | 733652  | 64                        |
| perf                      | 15.6   | 7.1       | 3.3                | 101764  | 61                        |

Of perf's job CPU about 3 s are matplotlib (import ~0.7 s, mathtext layout, two formats).
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import time


def _cpu(who) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from certify.expr import tape as T
    from lemmas.criterion_fbeta import run_fbeta

    counts = {"balls": 0, "intervals": 0}
    for name in counts:
        method = getattr(T.Tape, name)

        def counted(self, *a, _m=method, _n=name, **k):
            counts[_n] += 1
            return _m(self, *a, **k)
        setattr(T.Tape, name, counted)
    stages = ("holds_pi", "holds_2pi", "none_0_1000", "figure_cells", "total")
    print("| run | wall s | CPU s (job) | CPU s (figure child) | balls | intervals | "
          + " | ".join(stages) + " |")
    print("|---" * (6 + len(stages)) + "|")
    for i in range(args.repeat):
        for name in counts:
            counts[name] = 0
        cpu0, child0, t0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN), time.monotonic()
        with tempfile.TemporaryDirectory() as out_dir:
            out = run_fbeta(out_dir=out_dir, log=lambda *a: None)
        wall = time.monotonic() - t0
        cpu, child = _cpu(resource.RUSAGE_SELF) - cpu0, _cpu(resource.RUSAGE_CHILDREN) - child0
        tm = out["timings"]
        print(f"| {i + 1} | {wall:.2f} | {cpu:.2f} | {child:.2f} | {counts['balls']} | "
              f"{counts['intervals']} | " + " | ".join(str(tm.get(s, "")) for s in stages) + " |")
    print(f"\nbeta*_pi = {out['beta_star_pi_decimal']}, beta*_2pi = {out['beta_star_2pi_decimal']}, "
          f"cells on [beta*_pi, 1000]: {out['runs']['pi_holds']['cells']}")


if __name__ == "__main__":
    main()
