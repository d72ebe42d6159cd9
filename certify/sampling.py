"""Float64 cross-check: dense sampling of a claim's slack on its domain.

This is *not* a proof: it is the independent sanity check reported next to the certified
margin.  A sampled slack below the certified lower bound means the engine is wrong.
Unbounded ends are sampled on a geometric grid up to 1e6 away from the finite end.
"""
from __future__ import annotations

import warnings

import numpy as np
import sympy

from .domain import Domain


def _grid(iv, n: int) -> np.ndarray:
    lo = float(iv.lo) if iv.lo is not None else None
    hi = float(iv.hi) if iv.hi is not None else None
    if lo is not None and hi is not None:
        t = np.linspace(0.0, 1.0, n)
        pts = lo + (hi - lo) * t
        eps = (hi - lo) * np.logspace(-9, -2, 12)
        pts = np.concatenate([pts, lo + eps, hi - eps])
    elif lo is not None:
        pts = np.concatenate([lo + np.linspace(0, 10, n), lo + np.logspace(-9, 6, n)])
    else:
        pts = np.concatenate([hi - np.linspace(0, 10, n), hi - np.logspace(-9, 6, n)])
    if iv.lo is not None and iv.lo_open:
        pts = pts[pts > lo]
    if iv.hi is not None and iv.hi_open:
        pts = pts[pts < hi]
    return np.unique(pts)


def sampled_min(slack: sympy.Expr, domain: Domain, points: int = 4000) -> tuple[float, dict] | None:
    """Minimum of the slack over a dense grid (float64), and where it occurs."""
    syms = domain.symbols
    slack = slack.xreplace({s: sympy.Symbol(s.name, real=True) for s in slack.free_symbols})
    fn = sympy.lambdify(syms, slack, modules="numpy")
    per_axis = max(8, int(round(points ** (1.0 / len(syms)))))
    grids = [_grid(iv, per_axis) for iv in domain.intervals]
    mesh = np.meshgrid(*grids, indexing="ij")
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        values = np.asarray(fn(*mesh), dtype=float) * np.ones(mesh[0].shape)
    values = np.where(np.isfinite(values), values, np.nan)
    if np.all(np.isnan(values)):
        return None
    k = int(np.nanargmin(values))
    idx = np.unravel_index(k, values.shape)
    where = {n: float(m[idx]) for n, m in zip(domain.names, mesh)}
    return float(values[idx]), where
