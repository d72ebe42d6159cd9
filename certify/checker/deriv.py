"""The checker's differentiation: the chain rule applied to a term as written.

Each rule's tree is undefined wherever the operation is not differentiable (d sqrt(u) needs
u > 0, d abs(u) needs u != 0, d acos(u) needs |u| < 1, d min(a, b) needs a != b), so a
derivative that evaluates as defined on a cell is the derivative there.  Two contractions keep
the trees small, both valid wherever the differentiated term itself is defined (the only place a
derivative is used): a product by 0 is dropped, and ``u * (c/u)`` becomes ``c`` when ``c/u`` is
the derivative of a log, a quotient or a power u^v whose own definedness needs ``u != 0``.
"""
from __future__ import annotations

from flint import fmpq

from . import terms as T

ZERO, ONE, TWO = T.num(0), T.num(1), T.num(2)


def _add(a, b):
    return b if a is ZERO else a if b is ZERO else T.binary("add", a, b)


def _sub(a, b):
    return a if b is ZERO else T.neg(b) if a is ZERO else T.binary("sub", a, b)


def _mul(a, b):
    if a is ZERO or b is ZERO:
        return ZERO
    return b if a is ONE else a if b is ONE else T.binary("mul", a, b)


def _div(a, b):
    return ZERO if a is ZERO else T.binary("div", a, b)


def _outer(t: T.Term, u: T.Term):
    """d f(u) / du for the unary term t = f(u)."""
    sq = lambda x: T.pown(x, 2)  # noqa: E731
    op = t.op
    table = {
        "sqrt": lambda: _div(ONE, T.binary("mul", TWO, t)),
        "exp": lambda: t,
        "sin": lambda: T.call("cos", [u]),
        "cos": lambda: T.neg(T.call("sin", [u])),
        "tan": lambda: T.binary("add", ONE, sq(t)),
        "asin": lambda: _div(ONE, T.call("sqrt", [T.binary("sub", ONE, sq(u))])),
        "acos": lambda: T.neg(_div(ONE, T.call("sqrt", [T.binary("sub", ONE, sq(u))]))),
        "atan": lambda: _div(ONE, T.binary("add", ONE, sq(u))),
        "sinh": lambda: T.call("cosh", [u]),
        "cosh": lambda: T.call("sinh", [u]),
        "tanh": lambda: T.binary("sub", ONE, sq(t)),
        "asinh": lambda: _div(ONE, T.call("sqrt", [T.binary("add", sq(u), ONE)])),
        "acosh": lambda: _div(ONE, T.call("sqrt", [T.binary("sub", sq(u), ONE)])),
        "atanh": lambda: _div(ONE, T.binary("sub", ONE, sq(u))),
        "abs": lambda: _div(u, t),
        "sinc": lambda: _div(T.binary("sub", T.call("cos", [u]), t), u),
        "neg": lambda: T.num(-1),
    }
    if op in table:
        return table[op]()
    if op == "pown":
        n = t.data
        return ONE if n == 1 else _mul(T.num(n), u if n == 2 else T.pown(u, n - 1))
    if op == "rpow":
        p, q = t.data
        return _mul(T.num(fmpq(p, q)), T.make("rpow", (u,), (p - q, q)))
    raise T.CheckError(f"no derivative rule for {op}")


def diff(F: T.Term, name: str) -> T.Term:
    """dF/d name (see the module docstring for where it is defined)."""
    memo: dict = {}
    cancel: set = set()           # ids of derivatives c/u whose u is nonzero wherever F is defined

    def times(u, dv):
        if id(dv) in cancel and dv.args[1] is u:
            return dv.args[0]
        return _mul(u, dv)

    for t in T.postorder([F]):
        op = t.op
        d = [memo[id(a)] for a in t.args]
        if op == "var":
            r = ONE if t.data == name else ZERO
        elif not t.args or all(x is ZERO for x in d):
            r = ZERO
        elif op == "add":
            r = _add(*d)
        elif op == "sub":
            r = _sub(*d)
        elif op == "mul":
            (u, v), (du, dv) = t.args, d
            r = _add(times(v, du), times(u, dv))
        elif op == "div":
            (u, v), (du, dv) = t.args, d
            r = _div(_sub(du, _mul(t, dv)), v)
        elif op == "pow":
            (u, v), (du, dv) = t.args, d
            # u^v needs u > 0: v (u'/u) is u' when v is u
            r = _mul(t, _add(_mul(dv, T.call("log", [u])), du if v is u else _mul(v, _div(du, u))))
        elif op in ("min", "max"):
            (a, b), (da, db) = t.args, d
            gap = T.binary("sub", a, b)
            jump = _mul(_div(gap, T.call("abs", [gap])), _sub(da, db))
            r = _div((_sub if op == "min" else _add)(_add(da, db), jump), TWO)
        elif op == "log":
            r = _div(d[0], t.args[0])
        else:
            r = _mul(_outer(t, t.args[0]), d[0])
        if op in ("div", "log") and r.op == "div":
            cancel.add(id(r))
        memo[id(t)] = r
    return memo[id(F)]
