"""The peers of bench/sim_peers.py: numpy right-hand sides written from the paper's formulas
(independent of certify's code), fixed-step RK4, and scipy ``solve_ivp`` on them.

For f_beta(u) = sin(u) e^{beta cos u} = sum_k b_k sin(ku), b_k = (2k/beta) I_k(beta), and
e^{beta cos u} = I_0(beta) + sum_k 2 I_k(beta) cos(ku), with z_j = e^{i x_j} and the weighted power
sums S_k = sum_j c_j z_j^k:

    -sum_j c_j f(x_i - x_j) = sum_k b_k Im(conj(z_i^k) S_k),
     sum_j c_j e^{beta cos(x_i - x_j)} = I_0 C + sum_k 2 I_k Re(conj(z_i^k) S_k),   C = sum_j c_j.

The Bessel functions are scipy's exponentially scaled ``ive`` (I_k e^{-beta}); the factor e^beta
is the sync time unit 1/(C f'(0)) = 1/(C e^beta) of (T1), (S3), (S4) and cancels in (T2).
"""
from __future__ import annotations

import numpy as np

K_PEER = 24  # truncation order of the numpy peers at beta = 4 (the tail b_24 ~ 1e-16 relative)


def bessel_coefficients(beta, K=K_PEER):
    """(b_1..b_K, a_0..a_K) of f_beta and e^{beta cos}, times e^{-beta}."""
    from scipy.special import ive
    k = np.arange(0, K + 1)
    I = ive(k, beta)
    return 2 * k[1:] * I[1:] / beta, np.concatenate([[I[0]], 2 * I[1:]])


def fourier_rhs(beta, c=None, g=None, partition=False, K=K_PEER):
    """x -> dx/dt of (T1)/(S3)/(S4) in the sync unit (partition=False; g a constant array or
    None) or of (T2) (partition=True), by the O(nK) formulas of the module docstring."""
    b, a = bessel_coefficients(beta, K)

    def rhs(x):
        z = np.exp(1j * x)
        cw = np.ones(x.size) if c is None else c
        C = cw.sum()
        zk = np.ones_like(z)
        F = np.zeros(x.size)
        G = np.full(x.size, a[0] * C) if partition else None
        for k in range(1, K + 1):
            zk *= z
            re, im = cw @ zk.view(float).reshape(-1, 2)  # S_k (a real matrix-vector product)
            w = np.conj(zk) * complex(re, im)
            F += b[k - 1] * w.imag
            if partition:
                G += a[k] * w.real
        if partition:
            return F / G
        v = F / C
        return v if g is None else v / g

    return rhs


def kuramoto_rhs(x):
    """-(1/n) sum_j sin(x_i - x_j) = Im(conj(z_i) mean(z)): the O(n) order-parameter formula."""
    z = np.exp(1j * x)
    return (np.conj(z) * z.mean()).imag


def pairwise(f, x, block=2000):
    """-(1/n) sum_j f(x_i - x_j) by direct O(n^2) differences (blocks of rows)."""
    out = np.empty_like(x)
    for s in range(0, x.size, block):
        out[s:s + block] = -f(x[s:s + block, None] - x[None, :]).mean(axis=1)
    return out


def rk4(rhs, x0, t_end, steps):
    """Classical RK4 with `steps` equal steps (4 evaluations each): the 5-line numpy peer."""
    h, x = t_end / steps, x0.copy()
    for _ in range(steps):
        k1 = rhs(x)
        k2 = rhs(x + 0.5 * h * k1)
        k3 = rhs(x + 0.5 * h * k2)
        k4 = rhs(x + h * k3)
        x = x + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4)
    return x, steps, 4 * steps


def scipy_ivp(rhs, x0, t_end, method, tol):
    """scipy solve_ivp(method, rtol = atol = tol); returns (x(t_end), steps, evaluations)."""
    from scipy.integrate import solve_ivp
    sol = solve_ivp(lambda t, y: rhs(y), (0.0, t_end), x0, method=method, rtol=tol, atol=tol)
    if not sol.success:
        raise RuntimeError(sol.message)
    return sol.y[:, -1], sol.t.size - 1, sol.nfev
