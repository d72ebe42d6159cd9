#!/usr/bin/env python
"""Benchmark: the simulator against its natural peers, in one run (issue 13, item 5).

Usage:  python bench/sim_peers.py [--quick]

Right-hand side of the dynamics (one evaluation of dx/dt at i.i.d. uniform positions, seed 0),
best of 3 wall times, for

- Kuramoto  dx_i/dt = -(1/n) sum_j sin(x_i - x_j):  certify (``systems.kuramoto``, time unit
  'sync'); a 5-line numpy O(n) order-parameter formula; numpy O(n^2) pairwise (n <= 1e4); the
  ``kuramoto`` package's ``Kuramoto.derivative`` (O(n^2) with an adjacency matrix; n <= 2000,
  optional);
- (T1)      dx_i/dt = -(1/n) sum_j sin(x_i - x_j) e^{beta cos(x_i - x_j)}, beta = 4: certify
  (``systems.T1``, 'sync'); a numpy O(nK) reference (the Fourier series of f_beta with Bessel
  coefficients, scipy.special.ive, K = 40); numpy O(n^2) pairwise (n <= 1e4);

each peer's velocity is compared with certify's (max relative difference, printed), and then
an integration to t = 1 of Kuramoto at n = 1e5: certify's Dormand-Prince against scipy's
``solve_ivp(RK45)`` on the numpy O(n) right-hand side, both rtol = 1e-7.

Targets (issue 13): not slower than the best peer at n = 1e6 for each model; >= 100x faster
than the O(n^2) ones at n = 1e4.  The table says what was measured, met or not.
"""
from __future__ import annotations

import argparse
import time

import numpy as np

from certify.simulate.integrate import integrate
from certify.simulate.systems import T1, kuramoto

BETA, K_REF = 4.0, 40


def best(fn, reps=3):
    out, t_best = None, float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        t_best = min(t_best, time.perf_counter() - t0)
    return t_best, out


def kuramoto_order(x):
    z = np.exp(1j * x).mean()
    return (np.conj(np.exp(1j * x)) * z).imag          # -(1/n) sum_j sin(x_i - x_j)


def pairwise(f, x, block=2000):
    out = np.empty_like(x)
    for s in range(0, x.size, block):
        d = x[s:s + block, None] - x[None, :]
        out[s:s + block] = -f(d).mean(axis=1)
    return out


def t1_fourier(x, beta=BETA, K=K_REF):
    """-(1/n) sum_j f(x_i - x_j), f = sin(u) e^{beta cos u} = sum_k (2k/beta) I_k(beta) sin(ku)."""
    from scipy.special import ive
    k = np.arange(1, K + 1)
    coef = 2 * k * ive(k, beta) * np.exp(beta) / beta
    z = np.exp(1j * x)
    out = np.zeros_like(x)
    zk = np.ones_like(z)
    for kk in range(K):
        zk = zk * z
        out += coef[kk] * (np.conj(zk) * zk.mean()).imag     # -(1/n) sum_j c_k sin(k(x_i - x_j))
    return out


def t1_f(d):
    return np.sin(d) * np.exp(BETA * np.cos(d))


def rel(a, b):
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="n up to 1e5 only")
    args = ap.parse_args()
    sizes = [10 ** 4, 10 ** 5] if args.quick else [10 ** 4, 10 ** 6]
    rng = np.random.default_rng(0)
    print("| model | n | peer | peer s | certify s | certify speed-up | max rel. diff |")
    print("|---|---|---|---|---|---|---|")
    for n in sizes:
        x = rng.uniform(0, 2 * np.pi, n)
        sk = kuramoto(n, time_unit="sync")
        tc, vc = best(lambda: sk.rhs(x))
        peers = [("numpy order parameter O(n)", lambda: kuramoto_order(x))]
        if n <= 10 ** 4:
            peers.append(("numpy pairwise O(n^2)", lambda: pairwise(np.sin, x)))
        for name, fn in peers:
            tp, vp = best(fn)
            print(f"| Kuramoto | {n:.0e} | {name} | {tp:.4f} | {tc:.4f} | {tp / tc:.1f}x | {rel(vp, vc):.1e} |")
        st = T1(BETA, n, time_unit="sync")
        tc, vc = best(lambda: st.rhs(x))
        scale = float(np.dot(t1_fourier(x), vc) / np.dot(vc, vc))      # certify's time unit
        peers = [("numpy Fourier O(nK), K = 40", lambda: t1_fourier(x) / scale)]
        if n <= 10 ** 4:
            peers.append(("numpy pairwise O(n^2)", lambda: pairwise(t1_f, x) / scale))
        for name, fn in peers:
            tp, vp = best(fn)
            print(f"| T1, beta = 4 | {n:.0e} | {name} | {tp:.4f} | {tc:.4f} | {tp / tc:.1f}x | {rel(vp, vc):.1e} |")
    try:
        from kuramoto import Kuramoto
        n = 2000
        x = rng.uniform(0, 2 * np.pi, n)
        model = Kuramoto(coupling=1.0, dt=0.01, T=1, n_nodes=n, natfreqs=np.zeros(n))
        adj = np.ones((n, n))
        sk = kuramoto(n, time_unit="sync")
        tc, vc = best(lambda: sk.rhs(x))
        tp, vp = best(lambda: model.derivative(x, 0, adj, 1.0 / n))
        print(f"| Kuramoto | {n:.0e} | kuramoto package (O(n^2)) | {tp:.4f} | {tc:.4f} | {tp / tc:.1f}x | "
              f"{rel(vp, vc):.1e} |")
    except ImportError:
        print("| Kuramoto | - | kuramoto package | not installed | | | |")
    try:
        from scipy.integrate import solve_ivp
        n = 10 ** 5
        x0 = rng.uniform(0, 2 * np.pi, n)
        sk = kuramoto(n, time_unit="sync")
        tc, traj = best(lambda: integrate(sk, x0, 1.0, rtol=1e-7, check_energy=False), reps=1)
        tp, sol = best(lambda: solve_ivp(lambda t, y: kuramoto_order(y), (0, 1), x0, rtol=1e-7, atol=1e-12),
                       reps=1)
        xf = traj.x_final if hasattr(traj, "x_final") else traj.x[-1]
        print(f"| Kuramoto to t = 1 | {n:.0e} | scipy solve_ivp RK45 (numpy O(n) rhs) | {tp:.3f} | {tc:.3f} | "
              f"{tp / tc:.1f}x | {rel(sol.y[:, -1], xf):.1e} |")
    except ImportError:
        print("| Kuramoto to t = 1 | - | scipy | not installed | | | |")
    print("\nspeed-up = peer time / certify time (> 1: certify faster); max rel. diff = max |v_peer - v| / max |v|.")


if __name__ == "__main__":
    main()
