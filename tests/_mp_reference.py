"""The reference evaluator of tests/test_soundness_random.py (also used by test_expr.py and
test_regressions.py): the value of an expression tree at an exact point with *real* semantics,
exact rational arithmetic while only + - * / and integer powers occur (so an exact 0 is seen as
0), mpmath at the current precision (50 digits in the tests) afterwards; an undefined operation
raises ``Undefined``, a decision too close to call raises ``Skip``.  And the comparisons of such
values with the ends of certify's Intervals.
"""
from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import mpmath
from flint import arb

from certify.expr import interval as I
from certify.expr import nodes as N

DPS = 50
TOL = mpmath.mpf(10) ** -35          # slack for values computed inexactly at 50 digits
NEAR = mpmath.mpf(10) ** -40         # an inexact value this close to a domain boundary: Skip
DIFF_TOL = mpmath.mpf(10) ** -15     # numerical differentiation error (relative)
BIG_BITS = 6000                      # exact rationals larger than this are rounded to mpf


# -- the reference evaluator ---------------------------------------------------------------------

class Undefined(Exception):
    """The expression is not defined at the point (real semantics)."""


class Skip(Exception):
    """mpmath cannot decide this point reliably (or it would take too long)."""


def _mp(v):
    if isinstance(v, Fraction):
        return mpmath.mpf(v.numerator) / v.denominator
    return v


def _exact(v) -> bool:
    return isinstance(v, Fraction)


def _sign(v) -> int:
    """Sign of a value; Skip when an inexact value is too close to 0 to tell."""
    if _exact(v):
        return (v > 0) - (v < 0)
    if abs(v) < NEAR:
        raise Skip("sign too close to call")
    return 1 if v > 0 else -1


def _frac_sqrt(q: Fraction, k: int):
    """The exact k-th root of q >= 0 when it is rational, else None."""
    def iroot(n):
        r = int(round(float(n) ** (1.0 / k))) if n < 2 ** 1000 else None
        if r is None:
            return None
        for c in (r - 1, r, r + 1):
            if c >= 0 and c ** k == n:
                return c
        return None
    a, b = iroot(q.numerator), iroot(q.denominator)
    return None if a is None or b is None else Fraction(a, b)


def _is(v, q) -> bool:
    """v is exactly the rational q (an inexact value never is: 1.0 may be 1 + 1e-494)."""
    return _exact(v) and v == q


def _shrink(v):
    if _exact(v) and (v.numerator.bit_length() + v.denominator.bit_length()) > BIG_BITS:
        return _mp(v)
    return v


def _unary(op, a):
    """One function at one value a (Fraction or mpf), real semantics."""
    if op == "neg":
        return -a
    if op == "abs":
        return abs(a)
    if op == "sqrt":
        s = _sign(a)
        if s < 0:
            raise Undefined
        if _exact(a):
            r = _frac_sqrt(a, 2)
            if r is not None:
                return r
        return mpmath.sqrt(_mp(a))
    if op == "log":
        if _sign(a) <= 0:
            raise Undefined
        if _is(a, 1):
            return Fraction(0)
        return mpmath.log(_mp(a))
    if op in ("asin", "acos"):
        if _exact(a):
            if abs(a) > 1:
                raise Undefined
        elif abs(abs(a) - 1) < NEAR:
            raise Skip("asin/acos at the edge")
        elif abs(a) > 1:
            raise Undefined
        if op == "asin" and _is(a, 0):
            return Fraction(0)
        if op == "acos" and _is(a, 1):
            return Fraction(0)
        return mpmath.asin(_mp(a)) if op == "asin" else mpmath.acos(_mp(a))
    if op == "acosh":
        if _exact(a):
            if a < 1:
                raise Undefined
        elif abs(a - 1) < NEAR:
            raise Skip("acosh at the edge")
        elif a < 1:
            raise Undefined
        return Fraction(0) if _is(a, 1) else mpmath.acosh(_mp(a))
    if op == "atanh":
        if _exact(a):
            if abs(a) >= 1:
                raise Undefined
        elif abs(abs(a) - 1) < NEAR:
            raise Skip("atanh at the edge")
        elif abs(a) >= 1:
            raise Undefined
        return Fraction(0) if _is(a, 0) else mpmath.atanh(_mp(a))
    if op in ("exp", "sinh", "cosh"):
        if abs(a) > 10 ** 5:
            raise Skip("huge exponential")
        if _is(a, 0):
            return Fraction(1) if op != "sinh" else Fraction(0)
        return getattr(mpmath, op)(_mp(a))
    if op in ("sin", "cos", "tan", "sinc"):
        if abs(a) > 10 ** 15:
            raise Skip("huge trigonometric argument")
        if _is(a, 0):
            return Fraction(1) if op in ("cos", "sinc") else Fraction(0)
        if op == "tan" and abs(mpmath.cos(_mp(a))) < NEAR:
            raise Skip("tan at a pole")
        return getattr(mpmath, op)(_mp(a))
    if op in ("atan", "asinh", "tanh"):
        if _is(a, 0):
            return Fraction(0)
        return getattr(mpmath, op)(_mp(a))
    raise ValueError(op)


def _pown(a, n):
    if n == 0:
        return Fraction(1)
    if n < 0 and _sign(a) == 0:
        raise Undefined
    if _exact(a):
        return _shrink(a ** n)
    return a ** n


def _rpow(a, p, q):
    s = _sign(a)
    if s < 0 or (s == 0 and p < 0):
        raise Undefined
    if s == 0:
        return Fraction(0)
    if _exact(a):
        r = _frac_sqrt(a, q)
        if r is not None:
            return _shrink(r ** p)
    return mpmath.root(_mp(a), q) ** p


@lru_cache(maxsize=4096)
def _plan(node):
    """The tree's nodes, children first, as (op, argument positions, data) with each number as
    a Fraction: trees are immutable and hash-consed, so one plan serves all their points."""
    order = N.postorder([node])
    at = {id(n): i for i, n in enumerate(order)}
    return tuple((n.op, tuple(at[id(x)] for x in n.args),
                  Fraction(int(n.data.p), int(n.data.q)) if n.op == "num" else n.data)
                 for n in order)


def mp_value(node, env):
    """The value of a tree at a point ``env`` (name -> Fraction or mpf): a Fraction when exact,
    else an mpf at the current mpmath precision.  Raises Undefined or Skip."""
    memo = []
    for op, args, data in _plan(node):
        a = [memo[i] for i in args]
        if op == "num":
            v = data
        elif op == "pi":
            v = +mpmath.pi
        elif op == "e":
            v = +mpmath.e
        elif op == "var":
            v = env[data]
        elif op == "add":
            v = a[0] + a[1] if _exact(a[0]) and _exact(a[1]) else _mp(a[0]) + _mp(a[1])
        elif op == "sub":
            v = a[0] - a[1] if _exact(a[0]) and _exact(a[1]) else _mp(a[0]) - _mp(a[1])
        elif op == "mul":
            if (_exact(a[0]) and a[0] == 0) or (_exact(a[1]) and a[1] == 0):
                v = Fraction(0)
            else:
                v = a[0] * a[1] if _exact(a[0]) and _exact(a[1]) else _mp(a[0]) * _mp(a[1])
        elif op == "div":
            if _sign(a[1]) == 0:
                raise Undefined
            v = a[0] / a[1] if _exact(a[0]) and _exact(a[1]) else _mp(a[0]) / _mp(a[1])
        elif op == "pown":
            v = _pown(a[0], data)
        elif op == "rpow":
            v = _rpow(a[0], *data)
        elif op == "pow":
            if _sign(a[0]) <= 0:
                raise Undefined
            if abs(a[1]) > 10 ** 5 or abs(mpmath.log(_mp(a[0]))) * abs(_mp(a[1])) > 10 ** 5:
                raise Skip("huge power")
            v = mpmath.power(_mp(a[0]), _mp(a[1]))
        elif op in ("min", "max"):
            if _exact(a[0]) and _exact(a[1]):
                v = min(a) if op == "min" else max(a)
            else:
                x, y = _mp(a[0]), _mp(a[1])
                v = (x if x <= y else y) if op == "min" else (x if x >= y else y)
        else:
            v = _unary(op, a[0])
        memo.append(_shrink(v))
    return memo[-1]


def mp_defined_value(node, env):
    """mp_value, or None where the expression is undefined (Skip propagates)."""
    try:
        return mp_value(node, env)
    except Undefined:
        return None
    except (ZeroDivisionError, OverflowError, ValueError):
        raise Skip("mpmath failed")


# -- comparisons of reference values with Interval ends -------------------------------------------

def _end(x: arb, up=False):
    """An exact arb end as (value, value as mpf): the value a Fraction (moderate exponents) or an
    exact mpf.  The mpf, mpf((m, e)) rounded to the current precision, equals ``_mp`` of the
    Fraction m 2^e.  (An inexact end, which the Interval invariant forbids and
    ``test_interval_ends_are_exact`` reports, is replaced by the outer end of its ball.)"""
    if not x.is_exact():
        x = x.upper() if up else x.lower()
    m, e = x.man_exp()
    m, e = int(m), int(e)
    if abs(e) < 4000:
        return (Fraction(m << e) if e >= 0 else Fraction(m, 1 << -e)), mpmath.mpf((m, e))
    return mpmath.mpf((m, e)), mpmath.mpf((m, e))


def end_value(x: arb, up=False):
    """An exact arb end as a Fraction (moderate exponents) or an exact mpf (``_end``)."""
    return _end(x, up)[0]


def bounds(iv: I.Interval):
    """The Interval as (lo, lo_open, hi, hi_open), each end as ``_end`` gives it ((None, None)
    where infinite), or None for the empty set: converted once for all the points compared
    with it."""
    if iv is I.EMPTY:
        return None
    none = (None, None)
    return (none if iv.lo is None else _end(iv.lo), iv.lo_open,
            none if iv.hi is None else _end(iv.hi, up=True), iv.hi_open)


def _side(v, end) -> int:
    """sign(v - end), exact when both are exact, else at the mpmath precision; 0 also for an
    inexact v within TOL (relative) of the end, which is (value, value as mpf)."""
    q, qm = end
    if _exact(v) and isinstance(q, Fraction):
        return (v > q) - (v < q)
    vm = _mp(v)
    d = vm - qm
    if not _exact(v) and abs(d) <= TOL * max(1, abs(vm)):
        return 0
    return (d > 0) - (d < 0)


def inside(v, iv) -> bool:
    """Is the reference value v in the Interval (or its ``bounds``), strictly at an open end when
    v and the end are exact?"""
    b = bounds(iv) if isinstance(iv, I.Interval) else iv
    if b is None:
        return False
    lo, lo_open, hi, hi_open = b
    if lo[0] is not None:
        c = _side(v, lo)
        if c < 0 or (c == 0 and lo_open and _exact(v) and isinstance(lo[0], Fraction)):
            return False
    if hi[0] is not None:
        c = _side(v, hi)
        if c > 0 or (c == 0 and hi_open and _exact(v) and isinstance(hi[0], Fraction)):
            return False
    return True


def near_enough(d, iv: I.Interval, scale=1) -> bool:
    """Is a numerical derivative d in the Interval, up to differentiation error (relative to
    the derivative and to the function's value ``scale``: 50 digits of F resolve F' only to
    about |F| 10^-25)?"""
    if iv is I.EMPTY:
        return False
    tol = DIFF_TOL * max(1, abs(d), abs(scale))
    if iv.lo is not None and d < _mp(end_value(iv.lo)) - tol:
        return False
    if iv.hi is not None and d > _mp(end_value(iv.hi, up=True)) + tol:
        return False
    return True
