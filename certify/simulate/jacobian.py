"""Jacobians of the vector fields of :mod:`certify.simulate.models` and linear stability of
stationary points (small n: dense n x n matrices).

``system`` is a :class:`~certify.simulate.models.System`.
"""
from __future__ import annotations

import math

import numpy as np

from .forces import pairwise_sums

__all__ = ["stationary_jacobian", "full_jacobian", "stability", "multipliers"]


def stationary_jacobian(system, x) -> np.ndarray:
    """Jacobian of dx/dt at a *stationary* point x (dense; for small n).

    At a stationary point F = 0, so d(F/g) = dF/g for any normalization, and
    J = -scale * diag(1/g) * L, where L is the Laplacian of [c_j f'(x_i - x_j)].
    """
    x = np.asarray(x, dtype=float)
    D = x[:, None] - x[None, :]
    J = _laplacian(np.asarray(system.interaction.df_scaled(D), dtype=float), system.c)
    return J * multipliers(system, x)[:, None]


def _laplacian(M, c):
    """L = P - diag(P 1), P_ij = c_j M_ij (i != j), P_ii = 0: the Jacobian of
    x -> (sum_j c_j phi(x_i - x_j))_i when M_ij = phi'(x_i - x_j) (see full_jacobian)."""
    M = M * c[None, :]
    np.fill_diagonal(M, 0.0)
    return M - np.diag(M.sum(axis=1))


def _dh_sin_scaled(I, d):
    """e^{-log_scale} h'(cos d) sin d for f = sin(x) h(cos x) (kind 'exp': B f~(d))."""
    if I.kind == "exp":
        return I.B * I.f_scaled(d)
    if I.kind != "poly":
        raise ValueError("the partition Jacobian needs h exponential or polynomial")
    dh = np.polynomial.polynomial.polyder(np.array(I.hpoly))
    return np.polynomial.polynomial.polyval(np.cos(d), dh) * np.sin(d)


def full_jacobian(system, x) -> np.ndarray:
    """Jacobian of dx/dt at *any* x (dense, O(n^2)) for g = 1, a constant g or the partition g.

    g = 1 or constant (S1, S3, T1, Kuramoto, rank one): dx_i/dt = m_i F_i(x) with constant m_i, so
    J = diag(m) (M - diag(M 1)), M_ij = c_j f'(x_i - x_j) -- the formula of
    :func:`stationary_jacobian`, here exact everywhere.  g = "partition" ((T2), (S4)):
    dx_i/dt = s F_i / G_i with G_i = sum_j c_j h(cos(x_i - x_j)), so
    J = s (dF - diag(F / G) dG) / G (row-wise), dF = M - diag(M 1) and dG = N - diag(N 1),
    N_ij = c_j h'(cos d_ij) sin d_ij (= beta c_j f(d_ij) for f_beta); all in the scaled
    interaction (the factor e^{-sigma} cancels).  Raises ValueError for a callable g."""
    if not (system.g is None or isinstance(system.g, (np.ndarray, str))):
        raise ValueError(f"the stiff integrator needs the exact Jacobian: {system.name} has a "
                         "user-supplied normalization g(x) (use dopri5)")
    if not isinstance(system.g, str):
        return stationary_jacobian(system, x)
    x = np.asarray(x, dtype=float)
    I, c = system.interaction, system.c
    D = x[:, None] - x[None, :]
    F = -(np.asarray(I.f_scaled(D), dtype=float) @ c)
    G = np.asarray(I.h_scaled_of_d(D), dtype=float) @ c
    dF = _laplacian(np.asarray(I.df_scaled(D), dtype=float), c)
    dG = _laplacian(np.asarray(_dh_sin_scaled(I, D), dtype=float), c)
    return system.scale * (dF - (F / G)[:, None] * dG) / G[:, None]


def stability(system, x, members=None, tol: float = 1e-12) -> dict:
    """Linear stability of a stationary point x of ``system`` (small n only).

    Returns the largest eigenvalue of the Jacobian after removing the translation mode
    (one zero eigenvalue), and, if ``members`` (number of original particles merged in each
    particle, see ``integrate(collapse=...)``) is given, also the "splitting" eigenvalues
    -scale/g_a * sum_b c_b f'(x_a - x_b) of every merged particle (the rate at which its
    members separate; cf. the cut-stability condition (C4) of the paper).
    """
    x = np.asarray(x, dtype=float)
    J = stationary_jacobian(system, x)
    ev = np.sort(np.linalg.eigvals(J).real)
    # drop the eigenvalue closest to 0 (translation invariance)
    k = int(np.argmin(np.abs(ev)))
    rest = np.delete(ev, k)
    lam = float(rest.max()) if rest.size else -math.inf
    split = []
    if members is not None:
        D = x[:, None] - x[None, :]
        M = np.asarray(system.interaction.df_scaled(D), dtype=float) * system.c[None, :]
        rates = -multipliers(system, x) * M.sum(axis=1)
        split = [float(r) for r, mm in zip(rates, members) if mm >= 2]
    lam_all = max([lam] + split)
    scale = max(1.0, float(np.max(np.abs(ev)))) if ev.size else 1.0
    return {
        "max_nontrivial_eigenvalue": lam,
        "max_splitting_eigenvalue": max(split) if split else None,
        "stable": bool(lam_all < -tol * scale),
        "unstable": bool(lam_all > tol * scale),
    }


def multipliers(system, x):
    """m_i with dx_i/dt = m_i F~_i (F~ the scaled force)."""
    if system.g is None:
        return np.full(x.size, system.velocity_scale)
    if isinstance(system.g, str):
        G = pairwise_sums(system.interaction, x, system.weights, force=False, partition=True, scaled=True)[1]
        return system.scale / G
    if callable(system.g):
        return system.velocity_scale / np.asarray(system.g(x), dtype=float)
    return system.velocity_scale / system.g
