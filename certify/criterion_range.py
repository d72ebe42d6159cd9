"""Adaptive subdivision of a parameter range for the criterion (``certify.criterion``).

A cell whose verdict is UNDECIDED is split in two until it decides, its width falls below
``min_width`` or a budget (cells, seconds) runs out -- the last two end as UNDECIDED, never as
a guess.  The cells are closed, with exact rational ends, and consecutive: the leaves tile the
range, so HOLDS on every leaf is R > 1 on the whole range.

The split point is canonical (``split_point``: the simplest dyadic rational in the middle half
of the cell), so ranges with different ends share almost all their cells, and the verdicts of
all M keys on a cell are computed once (``Criterion.enclose`` memoizes per cell).  Where a cell
is split is free: it affects the cost, never what is proved.
"""
from __future__ import annotations

import time
from fractions import Fraction

from .criterion_result import UNDECIDED, RangeResult, undecided_cell
from .errors import CertifyInputError


def split_point(a: Fraction, b: Fraction) -> Fraction:
    """The simplest dyadic rational m in the middle half [a + w/4, b - w/4] of the cell
    (w = b - a > 0): 0 if it is there, else the one with the largest power of two dividing it
    (unique).  Subdividing [-0.26, 1000] and [0, 1000] then gives the same cells on [0, 1000]
    after the first few splits, and each part is at least a quarter of the cell."""
    w = b - a
    u, v = a + w / 4, b - w / 4
    if u <= 0 <= v:
        return Fraction(0)
    if v < 0:
        return -split_point(-b, -a)
    d = v - u
    e = d.numerator.bit_length() - d.denominator.bit_length()
    s = Fraction(2) ** e
    if s > d:
        s /= 2                      # now s <= d: [u, v] holds a multiple of s
    while -(-u // (2 * s)) * 2 * s <= v:
        s *= 2                      # and one of 2 s: take the coarser grid
    return -(-u // s) * s


def certify_range(crit, lo, hi, key: str, *, min_width=None, max_cells: int = 20000,
                  seconds: float = 600.0, progress=None, use_mv: bool = True) -> RangeResult:
    """Subdivide [lo, hi] until every cell has a verdict for ``key`` (or a budget ends);
    ``crit`` is a ``Criterion``.  With k >= 2 parameters lo and hi are the box's corners
    (tuples) and a cell is split in the coordinate that is widest relative to the box (the
    first such), at ``split_point``; ``min_width`` then applies to that relative width times
    the box's, i.e. a cell stops splitting when every side is at most ``min_width`` times its
    side of the box divided by the widest side of the box."""
    lo, hi = crit.cell_of(lo, hi)
    sides = crit.box(lo, hi)
    if not all(a <= b for a, b in sides):
        raise CertifyInputError("reversed parameter range")
    widths = [b - a for a, b in sides]
    top = max(widths)
    if min_width is None:
        min_width = max(top / (1 << 30), Fraction(1, 10 ** 12))
    min_width = Fraction(min_width)
    start = time.monotonic()
    deadline = start + seconds
    leaves = []
    stack = [(lo, hi, None)]
    evaluated = 0
    budget_hit = False
    while stack:
        a, b, parent = stack.pop()
        if evaluated >= max_cells or time.monotonic() > deadline:
            budget_hit = True
            leaves.append(undecided_cell(a, b, keys=crit.keys))
            continue
        r = crit.enclose(a, b, deadline=deadline, use_mv=use_mv, within=parent)
        evaluated += 1
        if progress is not None:
            progress(r)
        cell = crit.box(a, b)
        # the side to split: widest relative to the box (a zero-width side of the box never)
        rel = [(Fraction(d - c) / w * top if w else Fraction(0)) for (c, d), w in zip(cell, widths)]
        j = rel.index(max(rel))
        if r.verdict[key] != UNDECIDED or rel[j] <= min_width:
            leaves.append(r)
            continue
        m = split_point(*cell[j])
        left_hi, right_lo = _cut(a, b, j, m, len(cell))
        if r.method == "undefined" and all(crit.undefined(t, t) is not None for t in (a, right_lo, b)):
            leaves.append(r)          # f undefined at both corners and the middle: do not chase
            continue
        stack.append((right_lo, b, r))
        stack.append((a, left_hi, r))
    return RangeResult(lo, hi, key, leaves, evaluated, time.monotonic() - start, budget_hit)


def _cut(a, b, j, m, k):
    """(upper corner of the lower part, lower corner of the upper part) of the cell [a, b]
    cut at coordinate j = m; Fractions for k = 1 parameter."""
    if k == 1:
        return m, m
    return b[:j] + (m,) + b[j + 1:], a[:j] + (m,) + a[j + 1:]
