"""The compactifying power for a half-infinite variable (a choice of form, never a proof).

v in [a, oo) becomes v = a - 1 + 1/u^m, u in (0, 1] (``rules.compactify``).  m = 1 makes a
rational function of v rational in u, but sqrt(v) becomes u^(-1/2), whose derivatives blow up
at u = 0, so no end rule or Taylor form closes the cells at infinity.  The growth exponent of
every root's argument (sqrt(v): 1/2; sqrt(1 + 4 v^2): 1; cos(1/sqrt(v)): -1/2 inside cos) is a
rational d; m is the least common multiple of their denominators, so that each root is u^(-m d)
times a function analytic at u = 0.  Any m >= 1 maps (0, 1] onto [a, oo) monotonically, so
the choice only changes which form the search sees; the checker rebuilds the map from m.
"""
from __future__ import annotations

from math import lcm

from flint import fmpq

from .expr import nodes as N

MAX_POWER = 4
BOUNDED = ("sin", "cos", "atan", "tanh", "log", "sinc")     # growth 0 for any argument
ROOTS = {"sqrt": fmpq(1, 2)}


def growth(F: N.Node, name: str) -> dict:
    """{node: its growth exponent in ``name`` at +oo (an fmpq), or None when not a power}."""
    out: dict = {}
    for n in N.postorder([F]):
        a = [out[c] for c in n.args]
        known = all(d is not None for d in a)
        if n.op in ("num", "pi", "e"):
            d = fmpq(0)
        elif n.op == "var":
            d = fmpq(1) if n.data == name else fmpq(0)
        elif not known:
            d = None
        elif n.op in ("neg", "abs", "min", "max", "add", "sub"):
            d = max(a)
        elif n.op == "mul":
            d = a[0] + a[1]
        elif n.op == "div":
            d = a[0] - a[1]
        elif n.op == "pown":
            d = a[0] * n.data
        elif n.op == "rpow":
            d = a[0] * fmpq(*n.data)
        elif n.op in ROOTS:
            d = a[0] * ROOTS[n.op]
        elif n.op in BOUNDED or (n.op in N.FUNCTIONS and a[0] <= 0):
            d = fmpq(0)
        else:
            d = None
        out[n] = d
    return out


def compactifying_power(F: N.Node, name: str) -> int:
    """m for ``name``'s compactification of F (see the module doc); 1 when no root of an
    argument growing like a fractional power appears, or when m would exceed MAX_POWER."""
    g = growth(F, name)
    m = 1
    for n in g:
        if n.op in ROOTS or n.op == "rpow":
            d = g[n.args[0]]
            if d is not None and d != 0:
                e = d * (ROOTS[n.op] if n.op in ROOTS else fmpq(*n.data))
                m = lcm(m, int(e.q))
    return m if m <= MAX_POWER else 1
