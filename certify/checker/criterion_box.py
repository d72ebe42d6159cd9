"""Parameter boxes for the criterion checker (``certify criterion --param "b in [..], c in [..]"``):
a cell is a pair of corners (tuples of fmpq), evaluated with one ball per parameter.

``covers`` is the soundness test of a box subdivision: the recorded leaves are inside the box,
their interiors pairwise disjoint and their volumes sum to the box's; closed boxes with these
properties cover the box (a point left out would leave out an open set, of positive volume).
``joins`` is the prover's rule for merging consecutive leaves into one recorded range, and
``halves`` the checker's own bisection (the widest side relative to the cell, the first such).
"""
from __future__ import annotations

from flint import fmpq

from .criterion_roots import tball
from .terms import CheckError


class Packed:
    """A ``BallTerm`` in (x, p_1, ..., p_k) called as g(X, B) with B the tuple of parameter
    balls (the one-parameter code's calling convention); no mean-value form."""

    def __init__(self, g):
        self.g = g

    def __call__(self, X, B):
        return self.g(X, *B)

    def sign(self, X, B):
        return self.g.sign(X, *B)


def balls(lo, hi) -> tuple:
    return tuple(tball(a, b) for a, b in zip(lo, hi))


def corner(values, read, k) -> tuple:
    if not isinstance(values, list) or len(values) != k:
        raise CheckError(f"a box corner is a list of {k} rationals, not {values!r}")
    return tuple(read(v) for v in values)


def _volume(lo, hi, dims):
    v = fmpq(1)
    for j in dims:
        v *= hi[j] - lo[j]
    return v


def covers(lo, hi, cells) -> bool:
    """The closed boxes ``cells`` [(lo, hi)] cover the box [lo, hi] (module docstring).  Sides
    of zero width are projected out first (there every cell is the box's point), so a box
    that is flat in some coordinate is covered in the others, not by volume 0 = 0."""
    if not cells or any(any(c < a or d > b or c > d for a, b, c, d in zip(lo, hi, l2, h2))
                        for l2, h2 in cells):
        return False
    dims = [j for j in range(len(lo)) if lo[j] < hi[j]]
    for i, (l1, h1) in enumerate(cells):
        for l2, h2 in cells[i + 1:]:
            if dims and all(max(l1[j], l2[j]) < min(h1[j], h2[j]) for j in dims):
                return False                  # overlapping interiors
    if not dims:
        return True                           # a point: any cell inside is the point
    return sum((_volume(a, b, dims) for a, b in cells), fmpq(0)) == _volume(lo, hi, dims)


def joins(lo, hi, lo2, hi2) -> bool:
    """[lo2, hi2] continues [lo, hi] into one box: equal in every coordinate but one, where the
    second starts at the first's end."""
    diff = [j for j in range(len(lo)) if (lo[j], hi[j]) != (lo2[j], hi2[j])]
    return len(diff) == 1 and hi[diff[0]] == lo2[diff[0]]


def hull(cells):
    k = len(cells[0][0])
    return (tuple(min(c[0][j] for c in cells) for j in range(k)),
            tuple(max(c[1][j] for c in cells) for j in range(k)))


def halves(lo, hi):
    """The two halves of the box, cut at the middle of its widest side."""
    w = [b - a for a, b in zip(lo, hi)]
    j = w.index(max(w))
    m = (lo[j] + hi[j]) / 2
    return ((lo, hi[:j] + (m,) + hi[j + 1:]), (lo[:j] + (m,) + lo[j + 1:], hi))
