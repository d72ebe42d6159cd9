"""Benchmark: certifying the synchronization criterion for f_beta (issue 4).

Time and parameter cells to certify R_pi > 1 on [beta*, 1] and [1, 1000], with the mean-value
route (R(p_m) + R'(P)(P - p_m), the default) and with the direct enclosure only, plus the width
of the ratio's enclosure (over the cells, and on a point cell).

f', f'', f''' are the trees of ``certify.expr.diff`` (automatic differentiation of f as
written), evaluated on ``certify.expr.tape.Tape``.

Run: python bench/criterion.py          (about 4 s; 30 s before the canonical subdivision and
     the isolation hints of the perf branch)
"""
import statistics
import sys
import time
from fractions import Fraction as F

from certify.criterion import HOLDS, Criterion
from certify.roots import arb_to_fraction
from lemmas.functions import b, f_beta, x

BETA_STAR = F(-26155, 100000)          # reports/criterion.json: beta*_pi


def width(cell, key):
    lo, hi = cell.R[key]
    if lo is None or hi is None:
        return float("inf")
    return float(arb_to_fraction(hi) - arb_to_fraction(lo))


def row(label, crit, lo, hi, key, use_mv, seconds):
    t = time.monotonic()
    res = crit.certify_range(lo, hi, key, use_mv=use_mv, seconds=seconds, max_cells=4000)
    dt = time.monotonic() - t
    ws = [width(c, key) for c in res.leaves]
    lows = [arb_to_fraction(c.R[key][0]) for c in res.leaves if c.verdict[key] == HOLDS]
    print(f"| {label:14s} | {'mean-value' if use_mv else 'direct':10s} | {res.status:9s} | "
          f"{len(res.leaves):6d} | {res.evaluated:6d} | {dt:7.2f} | {max(ws):9.2e} | "
          f"{statistics.median(ws):9.2e} | {float(min(lows)) if lows else float('nan'):.6f} |")
    sys.stdout.flush()


def main():
    wall, cpu = time.monotonic(), time.process_time()
    crit = Criterion(f_beta, x, b)
    crit.enclose(F(1), F(1))                     # compile the derivatives once
    print("| range          | route      | status    |  cells |  evals |       s | max width | med width | min R lo |")
    print("|---|---|---|---|---|---|---|---|---|")
    for use_mv in (True, False):
        crit._cells.clear()
        row("[beta*, 1]", crit, BETA_STAR, F(1), "pi", use_mv, 120)
        row("[1, 1000]", crit, F(1), F(1000), "pi", use_mv, 120)
    crit._cells.clear()
    row("[beta*_2pi, 1]", crit, F(-19213, 100000), F(1), "2pi", True, 120)
    t = time.monotonic()
    pt = crit.enclose(F(2), F(2))
    print(f"\npoint cell beta = 2: {time.monotonic() - t:.3f} s, R_pi enclosure width {width(pt, 'pi'):.2e}")
    near = crit.enclose(BETA_STAR, BETA_STAR + F(1, 10 ** 6))
    print(f"cell [beta*, beta* + 1e-6]: R_pi in [{float(arb_to_fraction(near.R['pi'][0])):.9f}, "
          f"{float(arb_to_fraction(near.R['pi'][1])):.9f}] ({near.method}), width {width(near, 'pi'):.2e}")
    print(f"\ntotal: {time.monotonic() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU "
          "(the machine's load shows in the wall time)")


if __name__ == "__main__":
    main()
