"""Constructors of the paper's systems (S1), (T1), (T2), (S3), (S4), the rank-one system of
Corollary 6.4 and Kuramoto, as :class:`~certify.simulate.models.System` (see that module for the
common form, the time units and the force methods)."""
from __future__ import annotations

import math

import numpy as np

from .interaction import Interaction
from .models import System

__all__ = ["S1", "T1", "T2", "S3", "S4", "rank_one", "kuramoto", "sync_scale", "log_sync_scale"]


def log_sync_scale(interaction: Interaction, total_weight: float) -> float:
    """log of scale = 1/(sum c * f'(0)) (or 1/sum c if f'(0) <= 0), computed in log space
    (f'(0) = A e^{B} for f = A sin x e^{B cos x} is never formed: no overflow at any beta)."""
    lg = interaction.log_df0
    if lg is None:
        d = interaction.df0
        if not math.isfinite(d):
            raise ValueError(f"f'(0) is not finite for f = {interaction.expr}")
        lg = math.log(d) if d > 0 else 0.0
    return -math.log(total_weight) - lg


def sync_scale(interaction: Interaction, total_weight: float) -> float:
    """scale = 1/(sum c * f'(0)) (or 1/sum c if f'(0) <= 0): see the module docstring
    (may underflow to 0 for beta > ~700: the systems use :func:`log_sync_scale`)."""
    return math.exp(log_sync_scale(interaction, total_weight))


def _scale(interaction, total, time_unit, scale):
    """(scale, log_unit) keyword arguments for System."""
    if scale is not None:
        return {"scale": float(scale)}
    if time_unit == "paper":
        return {"scale": 1.0}
    if time_unit == "sync":
        return {"log_unit": log_sync_scale(interaction, total)}
    raise ValueError(f"unknown time unit {time_unit!r} (use 'paper' or 'sync')")


def _interaction(f) -> Interaction:
    if isinstance(f, Interaction):
        return f
    if isinstance(f, str):
        return Interaction.from_string(f)
    return Interaction(f)


def S1(f, n, *, time_unit="paper", scale=None, method="auto", fourier_tol=1e-13) -> System:
    """(S1): dx_i/dt = -sum_j f(x_i - x_j); f a sympy expression in x, a string or Interaction."""
    I = _interaction(f)
    return System(I, n, **_scale(I, n, time_unit, scale), method=method,
                  fourier_tol=fourier_tol, name="S1")


def T1(beta, n, **kw) -> System:
    """(T1): (S1) with f_beta(x) = sin(x) e^{beta cos x}."""
    s = S1(Interaction.f_beta(beta), n, **kw)
    s.name = "T1"
    return s


def T2(beta, n, *, scale=1.0, method="auto", fourier_tol=1e-13) -> System:
    """(T2): dx_i/dt = -sum_j e^{beta cos(x_i-x_j)} sin(x_i-x_j) / sum_j e^{beta cos(x_i-x_j)}.

    Already scale-free: a synchronized cluster contracts at rate f'(0)/h(1) = 1."""
    return System(Interaction.f_beta(beta), n, g="partition", scale=scale, method=method,
                  fourier_tol=fourier_tol, name="T2")


def S3(f, weights, *, time_unit="paper", scale=None, method="auto", fourier_tol=1e-13) -> System:
    """(S3): dx_i/dt = -sum_j c_j f(x_i - x_j), c_j > 0."""
    I = _interaction(f)
    w = np.asarray(weights, dtype=float)
    return System(I, w.size, weights=w, **_scale(I, float(np.sum(w)), time_unit, scale),
                  method=method, fourier_tol=fourier_tol, name="S3")


def S4(f, weights, g, *, time_unit="paper", scale=None, method="auto", fourier_tol=1e-13) -> System:
    """(S4): dx_i/dt = -(1/g_i(x)) sum_j c_j f(x_i - x_j); g = "partition", an array or a callable."""
    I = _interaction(f)
    w = np.asarray(weights, dtype=float)
    return System(I, w.size, weights=w, g=g, **_scale(I, float(np.sum(w)), time_unit, scale),
                  method=method, fourier_tol=fourier_tol, name="S4")


def rank_one(f, w1, w2, *, time_unit="paper", scale=None, method="auto", fourier_tol=1e-13) -> System:
    """Corollary 6.4: dx_i/dt = -sum_j w1_i w2_j f(x_i - x_j) = (S4) with c = w2, g = 1/w1."""
    w1 = np.asarray(w1, dtype=float)
    w2 = np.asarray(w2, dtype=float)
    if w1.shape != w2.shape or not np.all(w1 > 0):
        raise ValueError("w1, w2 must be positive arrays of the same length")
    s = S4(f, w2, 1.0 / w1, time_unit=time_unit, scale=scale, method=method, fourier_tol=fourier_tol)
    s.name = "rank-one (Cor. 6.4)"
    return s


def kuramoto(n, *, coupling=1.0, time_unit="paper", method="auto") -> System:
    """Kuramoto: dx_i/dt = -coupling * sum_j sin(x_i - x_j) (time_unit 'sync': coupling/n)."""
    I = Interaction.kuramoto()
    kw = _scale(I, n, time_unit, None)
    base = kw["scale"] if "scale" in kw else math.exp(kw["log_unit"])
    s = System(I, n, scale=base * coupling, method=method, name="kuramoto")
    return s
