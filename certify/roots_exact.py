"""Exact helpers of the root isolation (``certify.roots``): rationals to balls and back with
outward rounding, certain signs, interval products and intersections of enclosures."""
from __future__ import annotations

import math
from fractions import Fraction

from flint import arb, fmpq

from .expr import interval as I


# -- small exact helpers -------------------------------------------------------------------------

def qarb(q: Fraction) -> arb:
    """The exact rational q as an arb (exact when q is dyadic, else a tight ball)."""
    if type(q) is not Fraction:
        if isinstance(q, float):                   # GUIDE §2: never a binary double
            raise TypeError("binary float refused")
        q = Fraction(q)
    if q.denominator == 1:
        return arb(q.numerator)
    return arb(fmpq(q.numerator, q.denominator))


class CellBall(arb):
    """An arb ball that also carries the exact closed interval it was built for (``interval``,
    an ``expr.interval.Interval`` with exact ends where they are dyadic).  The decorated
    interval fallback of ``Fn`` evaluates on those ends: a ball's radius is rounded up, so the
    ball of [0, 1/4] reaches below 0, where sqrt(p) is undefined.  Arithmetic on a CellBall
    gives a plain arb."""
    __slots__ = ("interval",)


def tball(lo: Fraction, hi: Fraction) -> arb:
    """A ball containing the closed interval [lo, hi] of exact rationals (a ``CellBall`` that
    remembers [lo, hi] when lo < hi)."""
    if lo == hi:
        return qarb(lo)
    a, b = qarb(lo), qarb(hi)
    ball = CellBall(a.union(b))
    ball.interval = I.Interval(a if a.is_exact() else a.lower(), b if b.is_exact() else b.upper())
    return ball


def interval_of(ball: arb) -> I.Interval:
    """The closed interval to evaluate a ball's variable on: the exact cell of a ``CellBall``,
    else [lower, upper] of the ball."""
    return ball.interval if isinstance(ball, CellBall) else I.from_arb(ball)


def sign(v: arb) -> int:
    """+1 if v is certainly > 0, -1 if certainly < 0, 0 if undecided (also NaN, infinite)."""
    if not v.is_finite():
        return 0
    if v > 0:
        return 1
    if v < 0:
        return -1
    return 0


def arb_to_fraction(v: arb) -> Fraction:
    """The exact value of an exact arb (e.g. ``x.lower()``); refuses an inexact ball, whose
    midpoint would not be a bound."""
    if not (v.is_exact() and v.is_finite()):
        raise ArithmeticError(f"not an exact finite number: {v}")
    m, e = v.man_exp()
    m, e = int(m), int(e)
    return Fraction(m, 1 << -e) if e < 0 else Fraction(m << e)


def below_dyadic(q: Fraction, bits: int = 64) -> Fraction:
    """The largest multiple of 2^-bits strictly below q."""
    return Fraction(math.ceil(q * (1 << bits)) - 1, 1 << bits)


def above_dyadic(q: Fraction, bits: int = 64) -> Fraction:
    """The smallest multiple of 2^-bits strictly above q."""
    return Fraction(math.floor(q * (1 << bits)) + 1, 1 << bits)


def lower_fraction(v: arb) -> Fraction:
    """An exact rational <= every point of the (finite) ball v."""
    return arb_to_fraction(v.lower())


def upper_fraction(v: arb) -> Fraction:
    return arb_to_fraction(v.upper())


def imul(a: arb, b: arb) -> arb:
    """Interval (not ball) product of two finite balls, from their exact endpoints."""
    ends = [u * v for u in (a.lower(), a.upper()) for v in (b.lower(), b.upper())]
    lo, hi = ends[0].lower(), ends[0].upper()
    for e in ends[1:]:                 # exact finite arbs: the comparisons are exact
        lo = e.lower() if e.lower() < lo else lo
        hi = e.upper() if e.upper() > hi else hi
    return lo.union(hi)


def _intersect(a: arb, b: arb) -> arb:
    """Both balls enclose the same value: intersect them (NaN or infinite ones are dropped)."""
    if not a.is_finite():
        return b
    if not b.is_finite():
        return a
    if not a.overlaps(b):          # two valid enclosures of one number always overlap
        raise ArithmeticError(f"disjoint enclosures {a} and {b}: soundness bug")
    return a.intersection(b)


