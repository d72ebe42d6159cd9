"""Property benchmark of the evaluation core: the generator of tests/test_soundness_random.py
with as many cases as asked.

    python bench/property.py                 # 10^5 cases
    python bench/property.py --cases 20000 --seed 3 --no-derivative
    python bench/property.py --claims 500    # also 500 random claims through the prover

Prints the number of cases, failures (the first few in full), the counters of the checks made
(points evaluated, defined / undefined / skipped by mpmath, cells with decoration >= DEF,
derivative checks) and the time.  Exit status 1 when anything failed.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import test_soundness_random as T  # noqa: E402


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cases", type=int, default=10 ** 5)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--chunk", type=int, default=1000, help="cases per seeded chunk")
    p.add_argument("--no-derivative", action="store_true", help="skip check (d)")
    p.add_argument("--claims", type=int, default=0, help="random claims through the prover")
    p.add_argument("--show", type=int, default=10, help="failures printed in full")
    args = p.parse_args(argv)

    start = time.perf_counter()
    failures, done, k = [], 0, 0
    while done < args.cases:
        n = min(args.chunk, args.cases - done)
        _, f = T.run_cases(args.seed * 10 ** 6 + k, n, derivative=not args.no_derivative)
        failures += f
        done += n
        k += 1
    seconds = time.perf_counter() - start
    inexact = T.inexact_ends(args.seed, min(args.cases, 5000))
    claim_problems, claim_seconds = [], 0.0
    if args.claims:
        t0 = time.perf_counter()
        claim_problems = [q for q in (T.check_claim(args.seed * 10 ** 6 + s) for s in range(args.claims)) if q]
        claim_seconds = time.perf_counter() - t0

    print(f"cases {done}  failures {len(failures)}  time {seconds:.1f} s "
          f"({1e3 * seconds / max(done, 1):.2f} ms/case)")
    print("checks: " + ", ".join(f"{k} {v}" for k, v in T.STATS.items()))
    for line in failures[:args.show]:
        print("FAIL", line)
    if inexact:
        print(f"inexact Interval ends (invariant): {len(inexact)} operations")
        for op, example in sorted(inexact.items()):
            print("  ", op, example)
    if args.claims:
        print(f"claims {args.claims}  problems {len(claim_problems)}  time {claim_seconds:.1f} s")
        for line in claim_problems[:args.show]:
            print("CLAIM", line)
    return 1 if failures or claim_problems or inexact else 0


if __name__ == "__main__":
    sys.exit(main())
