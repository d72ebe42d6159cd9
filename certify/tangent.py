"""Interior tangent zeros: split the domain at a rational point where the slack is exactly 0.

A slack F >= 0 that touches 0 inside its domain (exp(x) - 1 - x at 0, x - 1 - log x at 1) leaves
a cell no enclosure decides: every cell around the zero has a lower bound below 0.  When the
float64 sample points at an exact rational c in the open interval of a variable where sympy
proves F(c) = 0 identically in the other variables, the claim is proved on the two closed halves
[lo, c] and [c, hi], where c is an end: the end rules (vanishing derivatives at a closed end,
``certify.rules.degenerate_ends``) then close the cells at c.  The certificate (kind ``split``)
holds both halves' certificates; the checker replays each on its half and checks that the halves
are the claim's domain cut at c, and the margin is the smaller of theirs.
"""
from __future__ import annotations

from fractions import Fraction

import sympy
from flint import arb, fmpq

from .domain import Domain, Interval
from .expr import nodes as N
from .expr.bridge import to_sympy
from .expr.tape import tape_of
from .sampling import candidates, window

MAX_DENOMINATOR = 2 ** 12


def _certainly_nonzero(tape, pt) -> bool:
    """arb proves F(pt) != 0 with every operation certainly defined there: then F is not 0
    identically in the other variables at pt's coordinate, whatever sympy.simplify would say
    (it is skipped: seconds of trigsimp on claims like tanh(tan(x)) <= 1.05)."""
    v = tape.balls([arb(p) for p in pt])[tape.outputs[0][0]]
    return v is not None and not v.contains(0)


def tangent_points(F, domain: Domain, strict: bool):
    """(variable index, c) for rational c inside a bounded variable's open interval where F is
    exactly 0 for every value of the other variables (sympy), most promising first."""
    if strict:
        return []                               # F(c) = 0 refutes a strict claim; the search does that
    box = window(domain)
    opens = [(None, None)] * len(box)
    out = []
    tape = tape_of([[F]], domain.names)
    for pt in candidates(F, domain.names, box, opens, strict):
        if len(out) >= 2:
            break
        if _certainly_nonzero(tape, pt):
            continue
        for i, (name, iv) in enumerate(zip(domain.names, domain.intervals)):
            if pt[i].q > MAX_DENOMINATOR:        # a float's snap, not an exact zero (and slow in sympy)
                continue
            c = sympy.Rational(int(pt[i].p), int(pt[i].q))
            if (i, c) in out or not iv.contains(c) or c in (iv.lo, iv.hi):
                continue
            try:
                at = N.substitute(F, {name: N.num(pt[i])})
                if sympy.simplify(to_sympy(at)) == 0:
                    out.append((i, c))
            except Exception:
                continue
    return out[:2]


def zero_run_end(F, domain: Domain):
    """(0, c) for one bounded variable whose float64 slack is 0 on one run of a grid that is not
    the whole grid (|x| - x, sqrt(x^2) - x: 0 on [0, 1] of [-1, 1]): c is the simplest rational
    between the run's end and the next grid point, where the claim is cut (on the zero side the
    identical-zero rule applies, on the other an end rule at c); None otherwise."""
    import numpy as np

    from .expr.numeric import evaluate
    from .search import simplest_between
    iv = domain.intervals[0]
    if len(domain.names) != 1 or not iv.bounded:
        return None
    xs = np.linspace(float(iv.lo), float(iv.hi), 257)
    values = np.asarray(evaluate(F, {domain.names[0]: xs}), dtype=float) * np.ones(xs.shape)
    zero = np.isfinite(values) & (np.abs(values) <= 1e-12)
    runs = np.flatnonzero(np.diff(zero.astype(int)))
    if len(runs) != 1 or min(int(zero.sum()), int((~zero).sum())) < 4:
        return None                                  # an isolated zero is the end rules' case
    k = int(runs[0])                                 # zero[k] != zero[k + 1]
    lo, hi = Fraction(xs[k]), Fraction(xs[k + 1])
    c = simplest_between(fmpq(lo.numerator, lo.denominator), fmpq(hi.numerator, hi.denominator))
    c = sympy.Rational(int(c.p), int(c.q))
    return (0, c) if iv.contains(c) and c not in (iv.lo, iv.hi) else None


def halves(domain: Domain, i: int, c):
    """The domain cut at variable i = c into two halves, closed at c."""
    iv = domain.intervals[i]
    name = domain.names[i]
    return (domain.with_interval(name, Interval(iv.lo, c, iv.lo_open, False)),
            domain.with_interval(name, Interval(c, iv.hi, False, iv.hi_open)))


def combined_margin(a, b):
    """The enclosure of inf over the union: [min of the lower ends, min of the upper ends]."""
    from fractions import Fraction
    lo = min(a[0], b[0], key=Fraction)
    hi = a[1] if b[1] == "oo" else b[1] if a[1] == "oo" else min(a[1], b[1], key=Fraction)
    return [lo, hi]
