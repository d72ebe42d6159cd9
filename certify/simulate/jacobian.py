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
    M = np.asarray(system.interaction.df_scaled(D), dtype=float) * system.c[None, :]
    np.fill_diagonal(M, 0.0)
    J = M - np.diag(M.sum(axis=1))
    return J * multipliers(system, x)[:, None]


def full_jacobian(system, x) -> np.ndarray:
    """Jacobian of dx/dt at *any* x, for systems with g = 1 or a constant g (S1, S3, T1, Kuramoto,
    rank one): dx_i/dt = m_i F_i(x) with constant m_i, so J = diag(m) (M - diag(M 1)),
    M_ij = c_j f'(x_i - x_j) -- the formula of :func:`stationary_jacobian`, here exact everywhere.
    Raises ValueError for (T2) / S4 with a position-dependent g."""
    if not (system.g is None or isinstance(system.g, np.ndarray)):
        raise ValueError(f"the stiff integrator needs the exact Jacobian: {system.name} has a "
                         "position-dependent normalization g (use dopri5)")
    return stationary_jacobian(system, x)


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
