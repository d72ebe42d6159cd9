#!/usr/bin/env python
"""Benchmark: Fourier O(nK) force vs the exact pairwise O(n^2) sum for f_beta = sin(x) e^{beta cos x}.

Usage:  python bench/forces.py [--quick] [--json PATH]

For n = 1e3, 1e4, 1e5 and beta in {1, 4, 9} (i.i.d. uniform positions, unit weights, seed 0) it
prints the wall time of both force evaluations and the maximum error of the Fourier force,

    max_i |F_i^fourier - F_i^pairwise| / (n * sup|f_beta|),

i.e. relative to the force scale n * sup|f| (the largest possible |F_i|); K is the truncation
order chosen from the proven Bessel tail bound for a requested relative accuracy of 1e-13.
At n = 1e5 the pairwise sum is evaluated on a random sample of 2000 target particles (against
all 1e5 sources); its time is that of the sample multiplied by n/2000 and is marked '*'.
Finally it times classical RK4 steps of (T1) at n = 1e6, beta = 4 (4 force evaluations per step
plus the energy).  Issue 5 targets: speed-up >= 100x at n = 1e4, beta = 4 with error <= 1e-12;
one RK4 step at n = 1e6 under 1 s on 2 cores.

Error table (issue 13; printed first, ``--errors-only`` skips the timings): for method in
{pairwise, fourier, auto} x beta x configuration (n = 200: i.i.d. uniform; one tight cluster of
width 1e-6; two tight clusters at distance 2.5), the normwise relative error

    max_i |F^_i - F~_i| / max_i |F~_i|     (over 8 sampled target particles i)

of the scaled force F~ = e^{-|beta|} F against an independent mpmath (113-bit) direct-difference
reference.  'auto' is what the simulator uses (Fourier only when its proven error bound allows).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from certify.simulate.forces import fourier_sums, pairwise_sums  # noqa: E402
from certify.simulate.integrate import integrate  # noqa: E402
from certify.simulate import T1  # noqa: E402

ERR_BETAS = (-50.0, -10.0, 0.5, 4.0, 50.0, 200.0, 700.0, 1000.0)


def _configs(n=200, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "uniform": rng.uniform(0.0, 2 * np.pi, n),
        "cluster 1e-6": 1.0 + rng.uniform(-5e-7, 5e-7, n),
        "2 clusters": np.concatenate([0.3 + rng.uniform(-5e-7, 5e-7, n // 2),
                                      2.8 + rng.uniform(-5e-7, 5e-7, n - n // 2)]),
    }


def _reference(x, beta, rows):
    import mpmath as mp

    with mp.workprec(113):
        b = mp.mpf(beta)
        xs = [mp.mpf(float(v)) for v in x]
        return [-mp.fsum(mp.sin(xs[i] - xj) * mp.exp(b * mp.cos(xs[i] - xj) - abs(b)) for xj in xs)
                for i in rows]


def error_table():
    rows_out = []
    rng = np.random.default_rng(1)
    print(f"{'configuration':>14} {'beta':>7} {'K':>4} {'pairwise':>10} {'fourier':>10} {'auto':>10} {'auto used':>9}")
    for cname, x in _configs().items():
        n = x.size
        rows = np.sort(rng.choice(n, size=8, replace=False))
        for beta in ERR_BETAS:
            ref = np.array([float(v) for v in _reference(x, beta, rows)])
            scale = float(np.max(np.abs(ref)))
            res = {}
            K = None
            for method in ("pairwise", "fourier", "auto"):
                try:
                    sysm = T1(beta, n, method=method, time_unit="sync")
                    with np.errstate(all="ignore"):
                        F = sysm.forces(x)[0][rows]
                    K = sysm.K if sysm.K is not None else K
                    res[method] = float(np.max(np.abs(F - ref))) / scale
                    if method == "auto":
                        res["used"] = sysm.last_method
                except ValueError:
                    res[method] = None
            fmt = lambda v: "n/a" if v is None else f"{v:.1e}"  # noqa: E731
            print(f"{cname:>14} {beta:>7g} {K if K is not None else '-':>4} {fmt(res['pairwise']):>10} "
                  f"{fmt(res['fourier']):>10} {fmt(res['auto']):>10} {res.get('used', '-'):>9}", flush=True)
            rows_out.append({"configuration": cname, "beta": beta, "K": K, **res})
    print("relative error = max_i |F_i - F_i^ref| / max_i |F_i^ref| (scaled force, 8 sampled i, n = 200)")
    return rows_out


def best_time(fn, reps):
    best, out = float("inf"), None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions, skip n = 1e5 pairwise sample size 2000 -> 500")
    ap.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    ap.add_argument("--errors-only", action="store_true", help="only the error table")
    args = ap.parse_args(argv)
    errors = error_table()
    if args.errors_only:
        if args.json:
            with open(args.json, "w") as fh:
                json.dump({"errors": errors}, fh, indent=2)
        return 0
    rng = np.random.default_rng(0)
    rows = []
    sample = 500 if args.quick else 2000
    print(f"{'n':>8} {'beta':>5} {'K':>3} {'t_fourier[s]':>13} {'t_pairwise[s]':>14} {'speed-up':>9} {'max err / (n sup|f|)':>21}")
    for n in (10**3, 10**4, 10**5):
        x = rng.uniform(0.0, 2 * np.pi, n)
        for beta in (1, 4, 9):
            sysm = T1(beta, n, method="fourier", fourier_tol=1e-13)
            b, a, K, bound = sysm._fourier
            reps = 3 if args.quick else 7
            tf, (F, _, _, _) = best_time(lambda: fourier_sums(x, None, b, a), reps)
            if n <= 10**4:
                targets = None
                tp, (Fp, _, _) = best_time(lambda: pairwise_sums(sysm.interaction, x), 1 if n > 10**3 else 3)
                Ff = F
                mark = " "
            else:
                targets = np.sort(rng.choice(n, size=sample, replace=False))
                tp, (Fp, _, _) = best_time(lambda: pairwise_sums(sysm.interaction, x, targets=targets), 1)
                tp *= n / sample
                Ff = F[targets]
                mark = "*"
            scale = n * sysm.interaction.sup_lower
            err = float(np.max(np.abs(Ff - Fp))) / scale
            rows.append({"n": n, "beta": beta, "K": K, "t_fourier": tf, "t_pairwise": tp,
                         "pairwise_sampled": targets is not None, "speedup": tp / tf, "max_rel_err": err,
                         "proven_truncation_bound_rel": bound / sysm.interaction.sup_lower})
            print(f"{n:>8} {beta:>5} {K:>3} {tf:>13.5f} {tp:>13.4f}{mark} {tp / tf:>9.0f} {err:>21.2e}", flush=True)
    print("* pairwise time extrapolated from a sample of %d target particles (error measured on that sample)" % sample)

    n = 10**6
    x0 = rng.uniform(0.0, 2 * np.pi, n)
    sysm = T1(4, n, time_unit="sync", method="fourier")
    nsteps = 2 if args.quick else 5
    integrate(sysm, x0, 0.01, method="rk4", dt=0.01, conv_tol=None)  # warm-up
    t0 = time.perf_counter()
    tr = integrate(sysm, x0, nsteps * 0.01, method="rk4", dt=0.01, conv_tol=None)
    dt_wall = time.perf_counter() - t0
    per_step = dt_wall / tr.steps
    print(f"RK4 at n = 1e6, beta = 4 (K = {sysm.K}, energy tracked): {tr.steps} steps in {dt_wall:.2f} s "
          f"-> {per_step:.3f} s/step = {1 / per_step:.2f} steps/s (threads: {os.cpu_count()} cpus)")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"forces": rows, "rk4_n1e6_seconds_per_step": per_step, "errors": errors}, fh, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
