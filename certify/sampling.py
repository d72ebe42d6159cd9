"""Float64 sampling of a claim's slack: counterexample candidates and the cross-check.

Not a proof.  ``candidates`` proposes points (exact rationals) where the slack looks smallest
or undefined, for arb to confirm as refutations (refutation first); ``sampled_min`` is the
independent sanity check reported next to the certified margin: a sampled slack below the
certified lower bound means the engine is wrong.  Unbounded ends are sampled on a geometric
grid up to 1e6 away from the finite end.
"""
from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import numpy as np
from flint import fmpq

from .domain import Domain
from .exact import rational_key
from .expr.numeric import evaluate


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


def window(domain: Domain) -> list:
    """The (lo, hi) exact rational box where the sampling looks: each variable's interval, 16
    beyond a finite end on an unbounded side ([-16, 16] for (-oo, oo)); a heuristic, no claim."""
    def q(v):
        return fmpq(int(v.p), int(v.q))
    return [(q(iv.lo) if iv.lo is not None else (q(iv.hi) - 16 if iv.hi is not None else fmpq(-16)),
             q(iv.hi) if iv.hi is not None else (q(iv.lo) + 16 if iv.lo is not None else fmpq(16)))
            for iv in domain.intervals]


def sampled_min(slack, domain: Domain, points: int = 4000) -> tuple[float, dict] | None:
    """Minimum of the slack (a tree) over a dense grid (float64), and where it occurs (for a
    domain with expression ends: over the straightened box, ``certify.straighten``)."""
    if not domain.is_box:
        from .expr import nodes as N
        from .straighten import straighten
        s = straighten(slack, N.ZERO, domain)
        slack, domain = s.lhs, s.domain
    per_axis = max(8, int(round(points ** (1.0 / len(domain.names)))))
    grids = [_grid(iv, per_axis) for iv in domain.intervals]
    mesh = np.meshgrid(*grids, indexing="ij")
    values = np.asarray(evaluate(slack, dict(zip(domain.names, mesh))), dtype=float) * np.ones(mesh[0].shape)
    values = np.where(np.isfinite(values), values, np.nan)
    if np.all(np.isnan(values)):
        return None
    k = int(np.nanargmin(values))
    idx = np.unravel_index(k, values.shape)
    where = {n: float(m[idx]) for n, m in zip(domain.names, mesh)}
    return float(values[idx]), where


def _inside(box, opens, pt):
    for (lo, hi), (o_lo, o_hi), q in zip(box, opens, pt):
        if not lo <= q <= hi or (o_lo is not None and q == o_lo) or (o_hi is not None and q == o_hi):
            return False
    return True


@lru_cache(maxsize=8192)
def _snaps(x: float, simple: bool = True) -> tuple:
    """x itself (as a fraction of denominator at most 2^40) and, when ``simple``, the simple
    fractions next to it (a tangent zero at x = 1 is only refuted at exactly 1).  Remembered:
    grid points recur across the claims of a run."""
    f = Fraction(x)
    first = (f.limit_denominator(2 ** 40),)
    if not simple:
        return first
    return first + tuple(f.limit_denominator(d) for d in (1, 2, 3, 4, 6, 8, 10, 12, 100, 1000))


def _float(q) -> float:
    """q as a float, clamped to +-1e300 (a domain end may be beyond the float range)."""
    try:
        return max(-1e300, min(1e300, float(q)))
    except OverflowError:
        return 1e300 if q > 0 else -1e300


_CANDIDATES: dict = {}       # (F, names, box, opens, strict, per_axis, keep) -> points; small


def candidates(F, names, box, opens, strict: bool, per_axis: int = 0, keep: int = 4):
    """Exact rational points of the box (problem coordinates, never on an open end) where the
    float64 slack is smallest, after a short coordinate descent, and a few where it is
    undefined.  Remembered for the last few problems (the tangent cut and the search ask for
    the same ones)."""
    key = (F, tuple(names), tuple(map(rational_key, box)), tuple(map(rational_key, opens)), strict, per_axis, keep)
    hit = _CANDIDATES.get(key)
    if hit is None:
        if len(_CANDIDATES) > 64:
            _CANDIDATES.clear()
        hit = _CANDIDATES[key] = _candidates(F, names, box, opens, strict, per_axis, keep)
    return [list(q) for q in hit]


def _candidates(F, names, box, opens, strict: bool, per_axis: int, keep: int):
    n = len(names)
    per_axis = per_axis or {1: 257, 2: 33, 3: 11}.get(n, 7)
    lows = [_float(lo) for lo, _ in box]
    highs = [_float(hi) for _, hi in box]
    axes = [np.linspace(a, b, per_axis) for a, b in zip(lows, highs)]
    mesh = np.meshgrid(*axes, indexing="ij")
    values = np.asarray(evaluate(F, dict(zip(names, mesh))), dtype=float) * np.ones(mesh[0].shape)
    flat = values.ravel()
    pts = np.stack([m.ravel() for m in mesh], axis=1)
    bad = list(np.flatnonzero(np.isnan(flat))[:2])
    finite_abs = np.where(np.isfinite(flat), np.abs(flat), -1.0)
    bad += list(np.argsort(finite_abs, kind="stable")[-2:])       # near a pole: its simple-fraction snaps may hit it
    finite = np.flatnonzero(np.isfinite(flat))
    best = finite[np.argsort(flat[finite], kind="stable")[:keep]] if finite.size else []
    spread = float(np.max(flat[finite]) - np.min(flat[finite])) if finite.size else 0.0
    out = [pts[k] for k in best]
    near = [i for i, k in enumerate(best) if 0 <= float(flat[k]) <= 0.05 * spread]
    if near:                                      # close to 0 but not below: look nearby
        ends = _descend(F, names, np.array([pts[best[i]] for i in near]),
                        np.array([float(flat[best[i]]) for i in near]), lows, highs)
        for i, x in zip(near, ends):
            out[i] = x
    out += [pts[k] for k in bad if k < len(pts)]
    exact = []
    for rank, p in enumerate(out):
        options = [_snaps(float(x), rank < 2 or rank >= len(best)) for x in p]
        for k in range(len(options[0])):
            q = [fmpq(o[k].numerator, o[k].denominator) for o in options]
            if _inside(box, opens, q) and q not in exact:
                exact.append(q)
    return exact + [q for q in _near_open_ends(F, names, axes, lows, highs, box, opens) if q not in exact]


def _near_open_ends(F, names, axes, lows, highs, box, opens, keep: int = 2):
    """After the grid's candidates: the lowest points of the grid with each open end's axis
    replaced by points next to that end (an infimum approached but not attained there, as
    3 log(y) at y -> 1+, is missed by a grid whose end point is excluded)."""
    out = []
    for i, (o_lo, o_hi) in enumerate(opens):
        a, b = lows[i], highs[i]
        near = ([a + (b - a) * t for t in (1e-7, 1e-4)] if o_lo is not None else []) + \
               ([b - (b - a) * t for t in (1e-7, 1e-4)] if o_hi is not None else [])
        if not near or not b > a:
            continue
        mesh = np.meshgrid(*[np.array(near) if j == i else ax for j, ax in enumerate(axes)], indexing="ij")
        values = np.asarray(evaluate(F, dict(zip(names, mesh))), dtype=float) * np.ones(mesh[0].shape)
        flat = values.ravel()
        pts = np.stack([m.ravel() for m in mesh], axis=1)
        finite = np.flatnonzero(np.isfinite(flat))
        for k in finite[np.argsort(flat[finite], kind="stable")[:keep]]:
            snap = [_snaps(float(x), False)[0] for x in pts[k]]
            q = [fmpq(f.numerator, f.denominator) for f in snap]
            if _inside(box, opens, q):
                out.append(q)
    return out


def _descend(F, names, xs, fxs, lows, highs, steps: int = 30):
    """Coordinate descents (float64) from the rows of xs (values fxs), each with its own step
    halving and staying in the box; all 2n neighbours of every start in one evaluation."""
    m, n = xs.shape
    h = np.tile([(b - a) / 16 for a, b in zip(lows, highs)], (m, 1))
    lo, hi = np.array(lows), np.array(highs)
    moves = np.concatenate([np.eye(n), -np.eye(n)])
    xs, fxs = xs.copy(), fxs.copy()
    for _ in range(steps):
        ys = np.clip(xs[:, None, :] + moves[None, :, :] * h[:, None, :], lo, hi)      # m x 2n x n
        flat = ys.reshape(-1, n)
        fy = np.asarray(evaluate(F, {name: flat[:, i] for i, name in enumerate(names)}), dtype=float)
        fy = (fy * np.ones(len(flat))).reshape(m, 2 * n)
        fy = np.where(np.isfinite(fy), fy, np.inf)
        k = np.argmin(fy, axis=1)
        best = fy[np.arange(m), k]
        moved = np.isfinite(best) & (best < fxs)
        xs[moved], fxs[moved] = ys[np.arange(m), k][moved], best[moved]
        h[~moved] = h[~moved] / 2
    return list(xs)
