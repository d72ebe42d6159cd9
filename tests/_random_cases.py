"""The random cases of tests/test_soundness_random.py: expression trees (depth <= 4, one or two
variables), cells (some partly outside the natural domains, some with open or infinite ends,
some a single point), 'tangent zero' cases, and exact rational sample points of a cell."""
from __future__ import annotations

from fractions import Fraction

from flint import arb, fmpq

from certify.errors import CertifyInputError
from certify.expr import interval as I
from certify.expr import nodes as N

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
