#!/usr/bin/env python
"""Benchmark: the simulator against its natural peers, in one run (issue 13).

Usage:  python bench/sim_peers.py [--quick] [--target REL] [--reps R]

Models (time unit 'sync' = 1/(C f'(0)); i.i.d. uniform start, seed 0; beta = 4; weights and the
constant g of (S4) i.i.d. uniform on [0.5, 1.5]):
  Kuramoto  dx_i/dt = -(1/n) sum_j sin(x_i - x_j)
  T1        dx_i/dt = -(1/(n e^beta)) sum_j f_beta(x_i - x_j),  f_beta = sin(u) e^{beta cos u}
  T2        dx_i/dt = -sum_j f_beta(x_i - x_j) / sum_j e^{beta cos(x_i - x_j)}
  S3        dx_i/dt = -(1/(C e^beta)) sum_j c_j f_beta(x_i - x_j)
  S4        dx_i/dt = -(1/(g_i C e^beta)) sum_j c_j f_beta(x_i - x_j)
Peers (bench/_sim_reference.py, written from the formulas, not from certify): the O(n)
order-parameter right-hand side (Kuramoto) or the O(nK) Fourier one with scipy Bessel
coefficients (K = 24) for the other models, integrated by scipy solve_ivp RK45 and DOP853 and by
a fixed-step numpy RK4; numpy O(n^2) pairwise sums and the `kuramoto` package (right-hand side
only: an O(n^2) integration at n = 1e4 takes minutes).

Table 1 (right-hand side): one evaluation of dx/dt, best of 3, and the peer's difference from
certify (max_i |v_peer - v| / max |v|).

Table 2 (integration to t = 1 at equal accuracy): the reference x_ref(1) is scipy DOP853 with
rtol = atol = 1e-13 on the peer's right-hand side; the error of a run is
max_i |x_i(1) - x_ref,i(1)| / max_i |x_ref,i(1) - x_i(0)| (relative to the displacement).  Each
solver runs a ladder of tolerances (RK4: of step counts), loose to tight, and the first run whose
error is <= --target (default 1e-8) is timed again (best of --reps, interleaved); time, steps,
right-hand side evaluations and error are printed.  certify runs its two explicit methods
("dopri5", "dop853") with its defaults (energy check on, atol = 1e-12); the verdict compares the
faster of the two with the fastest peer.

Targets (issue 13): certify not slower than the best peer at n = 1e6 for each model (Table 2),
and >= 100x faster than the O(n^2) peers at n = 1e4 (Table 1).  Every row says met or not met.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import _sim_reference as ref  # noqa: E402

from certify.simulate import S3, S4, T1, T2, integrate, kuramoto  # noqa: E402

BETA = 4.0
TOLS = [10.0 ** -e for e in range(4, 13)]
RK4_STEPS = [2 ** e for e in range(0, 9)]
MODELS = ("Kuramoto", "T1", "T2", "S3", "S4")


def best(fn, reps=3):
    out, t_best = None, float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        t_best = min(t_best, time.perf_counter() - t0)
    return t_best, out


def models(n, rng, keep):
    """name -> (certify System, numpy peer right-hand side), for the names in keep."""
    c, g = rng.uniform(0.5, 1.5, n), rng.uniform(0.5, 1.5, n)
    f = f"sin(x)*exp({BETA}*cos(x))"
    return {k: v for k, v in _models(n, c, g, f).items() if k in keep}


def _models(n, c, g, f):
    return {
        "Kuramoto": (kuramoto(n, time_unit="sync"), ref.kuramoto_rhs),
        "T1": (T1(BETA, n, time_unit="sync"), ref.fourier_rhs(BETA)),
        "T2": (T2(BETA, n), ref.fourier_rhs(BETA, partition=True)),
        "S3": (S3(f, c, time_unit="sync"), ref.fourier_rhs(BETA, c=c)),
        "S4": (S4(f, c, g, time_unit="sync"), ref.fourier_rhs(BETA, c=c, g=g)),
    }


def rel(a, b):
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


def rhs_table(sizes, keep, rng):
    print("| model | n | peer | peer s | certify s | speed-up | max rel. diff | target |")
    print("|---|---|---|---|---|---|---|---|")
    for n in sizes:
        x = rng.uniform(0, 2 * np.pi, n)
        for name, (system, peer) in models(n, np.random.default_rng(1), keep).items():
            tc, vc = best(lambda: system.rhs(x))
            peers = [("numpy O(n)" if name == "Kuramoto" else f"numpy Fourier O(nK), K = {ref.K_PEER}", peer)]
            if n <= 10 ** 4 and name in ("Kuramoto", "T1"):
                f = np.sin if name == "Kuramoto" else (lambda d: np.sin(d) * np.exp(BETA * (np.cos(d) - 1)))
                peers.append(("numpy pairwise O(n^2)", lambda: ref.pairwise(f, x)))
            for pname, fn in peers:
                tp, vp = best(fn if "pairwise" in pname else (lambda: fn(x)))
                target = ("met" if tp / tc >= 100 else "not met") if "n^2" in pname and n == 10 ** 4 else ""
                print(f"| {name} | {n:.0e} | {pname} | {tp:.4f} | {tc:.4f} | {tp / tc:.1f}x | {rel(vp, vc):.1e} "
                      f"| {target} |")
    try:
        from kuramoto import Kuramoto
    except ImportError:
        print("| Kuramoto | - | kuramoto package | not installed | | | | |")
        return
    n = 2000
    x = rng.uniform(0, 2 * np.pi, n)
    model = Kuramoto(coupling=1.0, dt=0.01, T=1, n_nodes=n, natfreqs=np.zeros(n))
    adj = np.ones((n, n))
    sk = kuramoto(n, time_unit="sync")
    tc, vc = best(lambda: sk.rhs(x))
    tp, vp = best(lambda: model.derivative(x, 0, adj, 1.0 / n))
    print(f"| Kuramoto | {n:.0e} | kuramoto package O(n^2) | {tp:.4f} | {tc:.4f} | {tp / tc:.1f}x | "
          f"{rel(vp, vc):.1e} | |")


def solvers(system, peer, x0):
    """name -> (ladder of settings, run(setting) -> (x(1), steps, evaluations))."""
    def certify(method):
        def run(tol):
            tr = integrate(system, x0, 1.0, method=method, rtol=tol, conv_tol=None)
            return tr.x_final, tr.steps, tr.nfev
        return run
    return {
        "certify dopri5": (TOLS, certify("dopri5")),
        "certify dop853": (TOLS, certify("dop853")),
        "scipy RK45 (numpy rhs)": (TOLS, lambda tol: ref.scipy_ivp(peer, x0, 1.0, "RK45", tol)),
        "scipy DOP853 (numpy rhs)": (TOLS, lambda tol: ref.scipy_ivp(peer, x0, 1.0, "DOP853", tol)),
        "numpy RK4": (RK4_STEPS, lambda m: ref.rk4(peer, x0, 1.0, m)),
    }


def integration_table(sizes, keep, target, reps):
    print(f"\nIntegration to t = 1, error target {target:g} (relative to the displacement)\n")
    print("| model | n | solver | setting | s | steps | rhs evals | error | target |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        x0 = np.random.default_rng(0).uniform(0, 2 * np.pi, n)
        for name, (system, peer) in models(n, np.random.default_rng(1), keep).items():
            x_ref = ref.scipy_ivp(peer, x0, 1.0, "DOP853", 1e-13)[0]
            scale = float(np.max(np.abs(x_ref - x0)))
            chosen = {}
            for sname, (ladder, run) in solvers(system, peer, x0).items():
                for setting in ladder:
                    x1, steps, nfev = run(setting)
                    err = float(np.max(np.abs(x1 - x_ref))) / scale
                    if err <= target:
                        chosen[sname] = [setting, steps, nfev, err, float("inf")]
                        break
            runs = solvers(system, peer, x0)
            for _ in range(reps):  # interleaved timing of the chosen runs
                for sname, row in chosen.items():
                    row[4] = min(row[4], best(lambda: runs[sname][1](row[0]), reps=1)[0])
            t_peer = min([row[4] for s, row in chosen.items() if not s.startswith("certify")] or [np.inf])
            t_cert = min([row[4] for s, row in chosen.items() if s.startswith("certify")] or [np.inf])
            for sname in runs:
                if sname not in chosen:
                    print(f"| {name} | {n:.0e} | {sname} | target not reached | | | | | |")
                    continue
                setting, steps, nfev, err, t = chosen[sname]
                label = f"{setting} steps" if sname == "numpy RK4" else f"tol {setting:.0e}"
                verdict = ""
                if sname.startswith("certify") and t == t_cert:  # certify's best method against the best peer
                    verdict = ("met" if t <= t_peer else f"not met ({t / t_peer:.2f}x the best peer)")
                print(f"| {name} | {n:.0e} | {sname} | {label} | {t:.3f} | {steps} | {nfev} | {err:.1e} | {verdict} |")
            sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="n <= 1e5 (right-hand side), 1e4 (integration)")
    ap.add_argument("--target", type=float, default=1e-8, help="relative error target of the integrations")
    ap.add_argument("--reps", type=int, default=3, help="timing repetitions of the chosen runs")
    ap.add_argument("--models", default=None, help="comma-separated subset of Kuramoto,T1,T2,S3,S4")
    args = ap.parse_args()
    if not (args.target > 0 and args.reps >= 1):
        sys.exit("error: --target must be > 0 and --reps >= 1")
    keep = set(args.models.split(",")) if args.models else set(MODELS)
    if keep - set(MODELS):
        sys.exit(f"error: unknown model(s) {', '.join(sorted(keep - set(MODELS)))} (use {','.join(MODELS)})")
    rhs_table([10 ** 4, 10 ** 5] if args.quick else [10 ** 4, 10 ** 6], keep, np.random.default_rng(0))
    integration_table([10 ** 4] if args.quick else [10 ** 6], keep, args.target, 1 if args.quick else args.reps)
    print("\nspeed-up = peer time / certify time (> 1: certify faster).")


if __name__ == "__main__":
    main()
