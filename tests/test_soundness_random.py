"""Randomized soundness of the evaluation core (certify.expr), against mpmath at 50 digits.

Random expression trees (depth <= 4, one or two variables) on random cells (some partly
outside the natural domains, some with open or infinite ends, some a single point), evaluated
by ``Tape.intervals``.  The ground truth is an independent evaluator below (``mp_value``): exact
rational arithmetic while only + - * / and integer powers occur (so an exact 0 is seen as 0),
mpmath at 50 digits afterwards, with *real* semantics (an undefined operation raises
``Undefined``; a decision too close to call at 50 digits raises ``Skip``).  Checked, at a few
exact rational points of each cell:

(a) wherever the expression is defined, its value lies in the enclosure (and strictly inside at
    an open end of the enclosure, when the value is exact);
(b) when the decoration is >= DEF, the expression is defined at every sampled point; an empty
    enclosure has decoration TRV; COM means a bounded, non-empty enclosure;
(c) the ball at each sampled point (``Tape.point_balls``: rational parts exact), where it is
    not None, means the expression is defined there and contains its value;
(d) the derivative tree (``certify.expr.diff.diff``): where its decoration on the cell is
    >= DEF, mpmath's numerical derivative (``mpmath.diff``) at sampled interior points lies in
    its enclosure.

'Tangent zero' cases put an exact zero of a subexpression ((x - c)**k, x - y, ...) at an end
or the midpoint of the cell.  Deterministic (seeded); ``bench/property.py`` runs the same
generator with more cases.
"""
from __future__ import annotations

import random
import time
from fractions import Fraction
from functools import lru_cache

import mpmath
import pytest
from flint import arb, fmpq

from certify.errors import CertifyInputError
from certify.expr import interval as I
from certify.expr import nodes as N
from certify.expr.diff import diff
from certify.expr.tape import Tape
from certify.expr.text import to_text

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


# -- the case generator ------------------------------------------------------------------------

UNARY_OPS = ["sqrt", "exp", "log", "sin", "cos", "tan", "atan", "asin", "acos", "sinh", "cosh",
             "tanh", "abs", "sinc", "neg"]
RARE_UNARY = ["asinh", "acosh", "atanh"]
BINARY_OPS = ["add", "sub", "mul", "div", "min", "max"]
RPOWS = [(1, 2), (1, 3), (3, 2), (-1, 2)]


def rand_const(rng) -> N.Node:
    return N.num(fmpq(rng.randint(-6, 6), rng.choice((1, 1, 2, 3, 4, 8))))


def rand_tree(rng, names, depth) -> N.Node:
    if depth <= 0 or rng.random() < 0.2:
        return N.var(rng.choice(names)) if rng.random() < 0.75 else rand_const(rng)
    r = rng.random()
    if r < 0.35:
        op = rng.choice(BINARY_OPS)
        a, b = rand_tree(rng, names, depth - 1), rand_tree(rng, names, depth - 1)
        return {"add": N.add, "sub": N.sub, "mul": N.mul, "div": N.div,
                "min": N.minimum, "max": N.maximum}[op](a, b)
    a = rand_tree(rng, names, depth - 1)
    if r < 0.47:
        return N.pown(a, rng.randint(-3, 4))
    if r < 0.55:
        return N.rpow(a, *rng.choice(RPOWS))
    if r < 0.57:
        return N.power(a, rand_tree(rng, names, depth - 1))     # x**y, x > 0
    if r < 0.59:
        return N.call(rng.choice(RARE_UNARY), a)
    op = rng.choice(UNARY_OPS)
    return N.neg(a) if op == "neg" else N.call(op, a)


EDGES = [Fraction(v) for v in (-2, -1, Fraction(-1, 2), 0, Fraction(1, 2), 1, 2)]


def dyadic(rng, span=4, bits=3) -> Fraction:
    d = 2 ** rng.randint(0, bits)
    return Fraction(rng.randint(-span * d, span * d), d)


def rand_var_cell(rng):
    """(lo, hi, lo_open, hi_open) with exact dyadic (or None = infinite) ends."""
    r = rng.random()
    if r < 0.15:         # ends at the edges of natural domains (0, +-1), open or closed
        ends = sorted(rng.sample(EDGES, 2))
        return ends[0], ends[1], rng.random() < 0.5, rng.random() < 0.5
    if r < 0.2:          # tiny or huge magnitudes
        k = rng.randint(20, 70)
        a = Fraction(1, 2 ** k) if rng.random() < 0.5 else Fraction(2 ** k)
        lo, hi = (a, 2 * a) if rng.random() < 0.5 else (-2 * a, -a)
        if rng.random() < 0.3:
            lo = 0 if lo > 0 else lo
            hi = 0 if hi < 0 else hi
        return Fraction(lo), Fraction(hi), rng.random() < 0.5, rng.random() < 0.5
    r = rng.random()
    a = dyadic(rng)
    if r < 0.1:
        return a, a, False, False                                  # a point
    if r < 0.2:
        return a, a + Fraction(1, 2 ** rng.randint(3, 20)), rng.random() < 0.3, rng.random() < 0.3
    if r < 0.27:
        return a, None, rng.random() < 0.5, True
    if r < 0.32:
        return None, a, True, rng.random() < 0.5
    b = dyadic(rng)
    lo, hi = min(a, b), max(a, b)
    if lo == hi:
        hi = lo + 1
    return lo, hi, rng.random() < 0.25, rng.random() < 0.25


def tangent_case(rng, names):
    """An expression with an exact zero Z of a subexpression, and a cell putting that zero at an
    end or at the midpoint: (tree, cells, special points)."""
    x = N.var(names[0])
    c = Fraction(1, 3) if rng.random() < 0.3 else dyadic(rng, 2, 4)
    cq = N.num(fmpq(c.numerator, c.denominator))
    if len(names) == 2 and rng.random() < 0.4:
        base = N.sub(x, N.var(names[1]))
    else:
        base = N.sub(x, cq)
    Z = rng.choice([base, N.pown(base, 2), N.pown(base, 3), N.pown(base, 4), N.call("sin", base),
                    N.mul(base, N.sub(x, N.num(fmpq(c.numerator, c.denominator) + 1))),
                    N.sub(N.pown(x, 2), N.pown(cq, 2)), N.call("abs", base)])
    R = rand_tree(rng, names, 2)
    wrap = rng.choice(["sqrt", "log", "div", "recip", "mul", "add", "pown", "rpow", "sinc",
                       "atan", "cos", "none", "asin", "acos"])
    if wrap == "none":
        F = Z
    elif wrap == "div":
        F = N.div(R, Z)
    elif wrap == "recip":
        F = N.div(N.ONE, Z)
    elif wrap == "mul":
        F = N.mul(Z, R)
    elif wrap == "add":
        F = N.add(R, Z)
    elif wrap == "pown":
        F = N.pown(Z, rng.choice((-2, -1, 2, 3)))
    elif wrap == "rpow":
        F = N.rpow(Z, *rng.choice(RPOWS))
    elif wrap in ("asin", "acos"):
        F = N.call(wrap, N.add(Z, N.ONE if rng.random() < 0.5 else N.num(-1)))
    else:
        F = N.call(wrap, Z)
    w = Fraction(1, 2 ** rng.randint(0, 6))
    where = rng.choice(["lo", "hi", "mid"])
    lo, hi = (c, c + w) if where == "lo" else (c - w, c) if where == "hi" else (c - w, c + w)
    cells = [(lo, hi, False, False)]
    if len(names) == 2:
        cells.append((lo, hi, False, False) if rng.random() < 0.7 else rand_var_cell(rng))
    return F, cells, [c]


def make_interval(lo, hi, lo_open, hi_open) -> I.Interval:
    """An Interval with exact arb ends; a non-dyadic end is rounded outward and closed."""
    def end(q, down):
        if q is None:
            return None, True
        a = arb(fmpq(q.numerator, q.denominator))
        if a.is_exact():
            return a, None
        return (a.lower() if down else a.upper()), False
    a, ao = end(lo, True)
    b, bo = end(hi, False)
    if lo is not None and hi is not None and lo == hi:
        return I.Interval(a, b) if a.is_exact() else I.Interval(a, b, False, False)
    return I.Interval(a, b, lo_open if ao is None else ao, hi_open if bo is None else bo)


def sample_points(rng, cell, special=(), k=5):
    """Exact rational points of one variable's cell: closed ends, the midpoint, special points
    inside, random interior points (and far points on an infinite side)."""
    lo, hi, lo_open, hi_open = cell
    pts = []
    if lo is not None and hi is not None:
        if lo == hi:
            return [lo]
        if not lo_open:
            pts.append(lo)
        if not hi_open:
            pts.append(hi)
        pts.append((lo + hi) / 2)
        while len(pts) < k:
            pts.append(lo + (hi - lo) * Fraction(rng.randint(1, 999), 1000))
    else:
        base = lo if lo is not None else hi
        sign = 1 if lo is not None else -1
        if (lo is not None and not lo_open) or (hi is not None and not hi_open):
            pts.append(base)
        while len(pts) < k:
            step = Fraction(rng.randint(1, 999), 1000) * 10 ** rng.randint(0, 4)
            pts.append(base + sign * step)
    pts += [s for s in special if in_cell(s, cell)]
    return pts


def in_cell(s, cell) -> bool:
    lo, hi, lo_open, hi_open = cell
    return (lo is None or s > lo or (s == lo and not lo_open)) and \
        (hi is None or s < hi or (s == hi and not hi_open))


def interior_points(rng, cell, k=2):
    lo, hi, _, _ = cell
    if lo is not None and hi is not None:
        if lo == hi:
            return []
        return [lo + (hi - lo) * Fraction(rng.randint(1, 999), 1000) for _ in range(k)]
    base = lo if lo is not None else hi
    sign = 1 if lo is not None else -1
    return [base + sign * Fraction(rng.randint(1, 999), 1000) * 10 ** rng.randint(0, 3) for _ in range(k)]


def make_case(rng):
    """(tree, names, cells, per-variable special points)."""
    names = ("x",) if rng.random() < 0.6 else ("x", "y")
    while True:
        try:
            if rng.random() < 0.2:
                F, cells, special = tangent_case(rng, names)
            else:
                F = rand_tree(rng, names, rng.randint(1, 4))
                cells, special = [rand_var_cell(rng) for _ in names], []
            return F, names, cells, special
        except CertifyInputError:          # a literal division by zero: draw again
            continue


# -- one case ------------------------------------------------------------------------------------

STATS = {"cases": 0, "points": 0, "defined": 0, "undefined": 0, "skipped": 0, "def_cells": 0,
         "deriv_cells": 0, "deriv_points": 0}


def check_case(rng, F, names, cells, special, derivative=True):
    """Run the checks (a), (b), (d) on one case; returns a list of failure descriptions."""
    failures = []
    STATS["cases"] += 1
    box = [make_interval(*c) for c in cells]
    tape = Tape([[F]], names)
    vals, decs = tape.intervals(box)
    value, dec = vals[-1], decs[-1]
    STATS["def_cells"] += dec >= I.DEF

    def desc():                         # for a failure only: the text costs more than the check
        return f"F = {to_text(F)} on {dict(zip(names, box))}: enclosure {value} dec {I.Dec(dec).name}"
    if value is I.EMPTY and dec != I.TRV:
        failures.append(f"{desc()}: empty enclosure with decoration {I.Dec(dec).name}")
    if dec == I.COM and (value is I.EMPTY or not value.bounded):
        failures.append(f"{desc()}: COM with an unbounded or empty enclosure")
    value_bounds = bounds(value)
    per_var = [sample_points(rng, c, special) for c in cells]
    points = []
    for j in range(max(len(p) for p in per_var)):
        points.append(tuple(p[j % len(p)] for p in per_var))
    if len(names) == 2 and special:
        for s in special:       # the diagonal x = y = s when both cells contain s
            if all(in_cell(s, c) for c in cells):
                points.append((s, s))
    for pt in points:
        env = dict(zip(names, pt))
        STATS["points"] += 1
        try:
            v = mp_defined_value(F, env)
        except Skip:
            STATS["skipped"] += 1
            continue
        STATS["undefined" if v is None else "defined"] += 1
        ball = tape.point_balls([fmpq(q.numerator, q.denominator) for q in pt])[-1]
        if v is None:
            if dec >= I.DEF:
                failures.append(f"{desc()}: decoration {I.Dec(dec).name} but undefined at {env}")
            if ball is not None:
                failures.append(f"{desc()}: point ball {ball} but undefined at {env}")
            continue
        if not inside(v, value_bounds):
            failures.append(f"{desc()}: value {mpmath.nstr(_mp(v), 20)} at {env} outside the enclosure")
        if ball is not None and not inside(v, I.from_arb(ball)):
            failures.append(f"{desc()}: value {mpmath.nstr(_mp(v), 20)} at {env} outside the point ball {ball}")
    if derivative and not failures:
        failures += check_derivative(rng, F, names, cells, box)
    return failures


def check_derivative(rng, F, names, cells, box):
    failures = []
    k = rng.randrange(len(names))
    try:
        dF = diff(F, names[k])
    except CertifyInputError:      # diff of u/0 (reported by tests/test_expr.py)
        STATS["diff_raised"] = STATS.get("diff_raised", 0) + 1
        return failures
    vals, decs = Tape([[dF]], names).intervals(box)
    value, dec = vals[-1], decs[-1]
    if dec < I.DEF:
        return failures
    STATS["deriv_cells"] += 1
    per_var = [interior_points(rng, c) or [c[0]] for c in cells]
    for j in range(2):
        pt = [p[j % len(p)] for p in per_var]
        env0 = dict(zip(names, pt))
        try:
            fv = mp_defined_value(F, env0)
            if fv is None:
                continue

            def f(*xs):
                v = mp_value(F, dict(zip(names, xs)))
                return _mp(v)
            order = tuple(1 if i == k else 0 for i in range(len(names)))
            d = mpmath.diff(f, tuple(_mp(q) for q in pt), order) if len(names) > 1 else \
                mpmath.diff(f, _mp(pt[0]))
        except (Skip, Undefined, ZeroDivisionError, OverflowError, ValueError):
            continue
        STATS["deriv_points"] += 1
        if not near_enough(d, value, _mp(fv)):
            failures.append(f"d/d{names[k]} of {to_text(F)} on {dict(zip(names, box))}: "
                            f"mpmath {mpmath.nstr(d, 20)} at {env0} outside {value} (dec {I.Dec(dec).name}, "
                            f"tree {to_text(dF)})")
    return failures


def run_cases(seed: int, count: int, derivative=True):
    """(cases, failures): ``count`` seeded cases."""
    rng = random.Random(seed)
    failures = []
    old = mpmath.mp.dps
    mpmath.mp.dps = DPS
    try:
        for _ in range(count):
            F, names, cells, special = make_case(rng)
            failures += check_case(rng, F, names, cells, special, derivative)
    finally:
        mpmath.mp.dps = old
    return count, failures


# -- the tests ----------------------------------------------------------------------------------

CHUNKS = 20
PER_CHUNK = 500          # 10^4 cases in all


@pytest.mark.parametrize("seed", range(CHUNKS))
def test_random_enclosures_are_sound(seed):
    cases, failures = run_cases(1000 + seed, PER_CHUNK)
    assert not failures, f"{len(failures)} failures, first: " + "\n".join(failures[:5])


def checker_point_failures(seed: int, count: int):
    """The independent checker's evaluation at exact points (``checker.evaluate.values`` with
    ``point``: rational parts exact) on the same random trees and points: where it says
    defined, mpmath's value is defined and inside."""
    from certify.checker import arith as A
    from certify.checker.evaluate import value
    from certify.checker.reader import read_expr
    rng = random.Random(seed)
    failures, old = [], mpmath.mp.dps
    mpmath.mp.dps = DPS
    try:
        for _ in range(count):
            F, names, cells, special = make_case(rng)
            term = read_expr(to_text(F), names)
            per_var = [sample_points(rng, c, special) for c in cells]
            for j in range(max(len(p) for p in per_var)):
                pt = [p[j % len(p)] for p in per_var]
                point = {n: fmpq(q.numerator, q.denominator) for n, q in zip(names, pt)}
                v, dec = value(term, {n: A.point(q) for n, q in point.items()}, point=point)
                if dec < A.DEF:
                    continue
                try:
                    ref = mp_defined_value(F, dict(zip(names, pt)))
                except Skip:
                    continue
                got = I.EMPTY if v is A.EMPTY else I.Interval(v.lo, v.hi, v.lo_open, v.hi_open)
                if ref is None or not inside(ref, got):
                    failures.append(f"{to_text(F)} at {point}: checker {v} ({dec}), mpmath "
                                    f"{None if ref is None else mpmath.nstr(_mp(ref), 20)}")
    finally:
        mpmath.mp.dps = old
    return failures


@pytest.mark.parametrize("seed", range(4))
def test_checker_point_values_are_sound(seed):
    failures = checker_point_failures(3000 + seed, 250)
    assert not failures, f"{len(failures)} failures, first: " + "\n".join(failures[:5])


def inexact_ends(seed: int, count: int):
    """Nodes whose computed Interval has an end that is not an exact arb (the module's
    invariant: ends are exact, radius 0)."""
    rng = random.Random(seed)
    bad = {}
    for _ in range(count):
        F, names, cells, _special = make_case(rng)
        tape = Tape([[F]], names)
        vals, _ = tape.intervals([make_interval(*c) for c in cells])
        def inexact(v):
            return v is not I.EMPTY and ((v.lo is not None and not v.lo.is_exact()) or
                                         (v.hi is not None and not v.hi.is_exact()))
        for node, v in zip(tape.nodes, vals):
            # an operation that makes an inexact end out of exact inputs
            if inexact(v) and not any(inexact(vals[tape.position(a)]) for a in node.args):
                key = node.op
                if key not in bad:
                    bad[key] = f"{to_text(node)} on {[make_interval(*c) for c in cells]} -> ends {v.lo}, {v.hi}"
    return bad


def test_interval_ends_are_exact():
    bad = inexact_ends(77, 3000)
    assert not bad, "Interval ends that are not exact arbs, by operation: " + "; ".join(
        f"{op}: {example}" for op, example in sorted(bad.items()))


TANGENT = [
    ("(x - 3/8)**2", "x", (Fraction(3, 8), Fraction(1, 2)), Fraction(3, 8)),
    ("(x - 1/3)**2", "x", (Fraction(0), Fraction(2, 3)), Fraction(1, 3)),
    ("sqrt((x - 1/3)**2)", "x", (Fraction(1, 4), Fraction(1, 2)), Fraction(1, 3)),
    ("log((x - 3/8)**2)", "x", (Fraction(1, 4), Fraction(1, 2)), Fraction(3, 8)),
    ("1/(x - 1/2)**2", "x", (Fraction(1, 2), Fraction(1)), Fraction(1, 2)),
    ("x**2 - 2*x + 1", "x", (Fraction(0), Fraction(2)), Fraction(1)),
    ("sqrt(x**2 - 2*x + 1)", "x", (Fraction(1, 2), Fraction(3, 2)), Fraction(1)),
    ("(x - 1/3)**3 + sin(x - 1/3)", "x", (Fraction(1, 4), Fraction(1, 2)), Fraction(1, 3)),
    ("acos(1 - (x - 1/4)**2)", "x", (Fraction(0), Fraction(1, 2)), Fraction(1, 4)),
    ("asin((x - 1/4)**2 - 1)", "x", (Fraction(1, 4), Fraction(1, 2)), Fraction(1, 4)),
]


@pytest.mark.parametrize("text,name,cell,zero", TANGENT)
def test_tangent_zeros(text, name, cell, zero):
    from certify.expr.parse import parse_expr
    F = parse_expr(text, (name,))
    rng = random.Random(7)
    mpmath.mp.dps = DPS
    lo, hi = cell
    failures = check_case(rng, F, (name,), [(lo, hi, False, False)], [zero])
    assert not failures, failures[:3]
    # the exact zero is seen as exactly 0 (or the expression as undefined) at the point itself
    v = mp_defined_value(F, {name: zero})
    vals, decs = Tape([[F]], (name,)).intervals([make_interval(zero, zero, False, False)])
    if v is None:
        assert decs[-1] < I.DEF
    else:
        assert inside(v, vals[-1])


def random_claim(seed: int):
    """A random claim F > c on a random one-variable domain, c near the sampled minimum."""
    rng = random.Random(seed)
    while True:
        try:
            F = rand_tree(rng, ("x",), rng.randint(1, 3))
            break
        except CertifyInputError:
            continue
    lo = dyadic(rng, 3, 2)
    hi = lo + Fraction(rng.randint(1, 8), 2)
    lo_open, hi_open, unbounded = rng.random() < 0.3, rng.random() < 0.3, rng.random() < 0.2
    over = f"x in {'(' if lo_open else '['}{lo}, " + ("oo)" if unbounded else f"{hi}{')' if hi_open else ']'}")
    cell = (lo, None if unbounded else hi, lo_open, True if unbounded else hi_open)
    values, undefined = [], []
    for q in sample_points(rng, cell, k=150):
        try:
            v = mp_defined_value(F, {"x": q})
        except Skip:
            continue
        (undefined.append(q) if v is None else values.append((_mp(v), q)))
    m = min((v for v, _ in values), default=mpmath.mpf(0))
    c = Fraction(int(mpmath.floor(m * 100)) + rng.randint(-2, 2), 100) if abs(m) < 10 ** 6 else Fraction(0)
    return F, c, over, values, undefined


def check_claim(seed: int):
    """prove F > c; PROVED must agree with every sample (and its margin lower end must not
    exceed the sampled slack), a REFUTED witness must be in the domain and really refute."""
    from certify.domain import parse_domain
    from certify.prover import prove_inequality
    from certify.search import Budget
    old = mpmath.mp.dps
    mpmath.mp.dps = DPS
    try:
        return _check_claim(seed, parse_domain, prove_inequality, Budget)
    finally:
        mpmath.mp.dps = old


def _check_claim(seed, parse_domain, prove_inequality, Budget):
    F, c, over, values, undefined = random_claim(seed)
    r = prove_inequality(F, ">", N.num(fmpq(c.numerator, c.denominator)), parse_domain(over),
                         Budget(cells=3000, seconds=3))
    what = f"{to_text(F)} > {c} on {over}: {r.status}"
    cm = _mp(c)
    if r.status == "PROVED":
        if undefined:
            return f"{what} but undefined at {undefined[:3]}"
        bad = [q for v, q in values if v <= cm]
        if bad:
            return f"{what} but false at {bad[:3]}"
        lo, hi = r.margin
        if hi != "oo" and Fraction(lo) > Fraction(hi):
            return f"{what} with margin {r.margin}"
        if values and mpmath.mpf(lo) > min(v for v, _ in values) - cm + TOL:
            return f"{what}: margin {r.margin} above the sampled slack {min(v for v, _ in values) - cm}"
    if r.status == "REFUTED":
        w = Fraction(r.witness["x"])
        if not parse_domain(over).intervals[0].contains(str(w)):
            return f"{what}: witness {w} outside the domain"
        try:
            v = mp_defined_value(F, {"x": w})
        except Skip:
            return None
        if v is not None and _mp(v) > cm and not (not _exact(v) and abs(_mp(v) - cm) < TOL):
            return f"{what}: F({w}) = {mpmath.nstr(_mp(v), 20)} > {c}, the witness does not refute"
    return None


@pytest.mark.parametrize("chunk", range(6))
def test_random_claims_end_to_end(chunk):
    problems = [p for p in (check_claim(seed) for seed in range(chunk * 15, chunk * 15 + 15)) if p]
    assert not problems, problems


def test_generator_is_deterministic_and_cheap():
    start = time.perf_counter()
    a = run_cases(5, 200)
    b = run_cases(5, 200)
    assert a == b
    assert time.perf_counter() - start < 20
