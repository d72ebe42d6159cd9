"""Derivatives from the tree itself (automatic differentiation by source transformation).

``diff(F, v)`` applies the chain rule node by node to the expression *as written* and returns a
tree; nothing is simplified except multiplication by an exact 0 or 1 and addition of 0.  Each
rule is written so that the derivative tree is defined exactly where the operation is
differentiable: d sqrt(u) = u'/(2 sqrt(u)) needs u > 0, d abs(u) = u'·u/abs(u) needs u != 0,
d acos(u) needs |u| < 1, d min(a, b) needs a != b.  So sympy's atan(tan x)' = 1 can never
happen here: the tree of (atan(tan x))' contains tan(x) and is undefined at the pole.

Dropping a term ``0 * w`` drops w's definedness; that is sound because a derivative is only
ever used together with the decoration of F itself (which contains w) on the same cell.
"""
from __future__ import annotations

from flint import fmpq

from . import nodes as N

ZERO, ONE, TWO = N.num(0), N.num(1), N.num(2)


def _add(a, b):
    if a is ZERO:
        return b
    if b is ZERO:
        return a
    return N.add(a, b)


def _sub(a, b):
    if b is ZERO:
        return a
    if a is ZERO:
        return N.neg(b)
    return N.sub(a, b)


def _mul(a, b):
    if a is ZERO or b is ZERO:
        return ZERO
    if a is ONE:
        return b
    if b is ONE:
        return a
    return N.mul(a, b)


def _times_derivative(u, dv, cancellable):
    """u * v' in the product rule.  When v' = c/u (v = log u gives u'/u; v = p/u gives .../u),
    return c: v itself needs u != 0 and v is part of F, whose definedness is checked on the
    same cell, so the cancellation holds wherever the derivative is used (x log x -> log x + 1
    instead of log x + x (1/x), which interval arithmetic cannot bound near 0)."""
    if id(dv) in cancellable and dv.args[1] is u:
        return dv.args[0]
    return _mul(u, dv)


def _chain(dfdu, du):
    return _mul(dfdu, du)


def _local(n: N.Node, u: N.Node):
    """d n / d u for a unary node n = f(u), as a tree in u (and n itself)."""
    op = n.op
    if op == "sqrt":
        return N.div(ONE, N.mul(TWO, n))
    if op == "exp":
        return n
    if op == "log":
        return None          # handled in diff: u'/u
    if op == "sin":
        return N.call("cos", u)
    if op == "cos":
        return N.neg(N.call("sin", u))
    if op == "tan":
        return N.add(ONE, N.pown(n, 2))
    if op == "asin":
        return N.div(ONE, N.call("sqrt", N.sub(ONE, N.pown(u, 2))))
    if op == "acos":
        return N.neg(N.div(ONE, N.call("sqrt", N.sub(ONE, N.pown(u, 2)))))
    if op == "atan":
        return N.div(ONE, N.add(ONE, N.pown(u, 2)))
    if op == "sinh":
        return N.call("cosh", u)
    if op == "cosh":
        return N.call("sinh", u)
    if op == "tanh":
        return N.sub(ONE, N.pown(n, 2))
    if op == "asinh":
        return N.div(ONE, N.call("sqrt", N.add(N.pown(u, 2), ONE)))
    if op == "acosh":
        return N.div(ONE, N.call("sqrt", N.sub(N.pown(u, 2), ONE)))
    if op == "atanh":
        return N.div(ONE, N.sub(ONE, N.pown(u, 2)))
    if op == "abs":
        return N.div(u, n)
    if op == "sinc":
        return N.div(N.sub(N.call("cos", u), n), u)
    if op == "neg":
        return N.num(-1)
    if op == "pown":
        k = n.data
        return ONE if k == 1 else N.mul(N.num(k), u if k == 2 else N.pown(u, k - 1))
    if op == "rpow":
        p, q = n.data
        return N.mul(N.num(fmpq(p, q)), N.rpow(u, p - q, q))
    raise ValueError(f"no derivative rule for {op}")


_DIFFS: dict = {}      # (F, name) -> dF/dname: nodes are hash-consed and never freed


def diff(F: N.Node, name: str) -> N.Node:
    """dF/d(name) as a tree (see the module docstring for the definedness of each rule);
    remembered, as every claim's ladder and every check asks again."""
    d = _DIFFS.get((F, name))
    if d is None:
        d = _DIFFS[(F, name)] = _diff(F, name)
    return d


def _diff(F: N.Node, name: str) -> N.Node:
    memo: dict[int, N.Node] = {}
    cancellable: set[int] = set()      # derivatives c/u of a node that itself needs u != 0
    for n in N.postorder([F]):
        op = n.op
        if op == "var":
            d = ONE if n.data == name else ZERO
        elif not n.args:
            d = ZERO
        elif op in ("add", "sub"):
            a, b = (memo[id(x)] for x in n.args)
            d = _add(a, b) if op == "add" else _sub(a, b)
        elif op == "mul":
            u, v = n.args
            d = _add(_times_derivative(v, memo[id(u)], cancellable),
                     _times_derivative(u, memo[id(v)], cancellable))
        elif op == "div":
            u, v = n.args
            du, dv = memo[id(u)], memo[id(v)]
            # (u/v)' = (u' - (u/v) v') / v
            d = ZERO if du is ZERO and dv is ZERO else N.div(_sub(du, _mul(n, dv)), v)
            if d.op == "div":
                cancellable.add(id(d))
        elif op == "pow":
            u, v = n.args
            du, dv = memo[id(u)], memo[id(v)]
            # (u^v)' = u^v (v' log u + v u'/u); u^v with a variable exponent needs u > 0, so
            # v (u'/u) is u' when v is u (x^x: log x + 1, not log x + x (1/x))
            ratio = N.div(du, u)
            inner = _add(_mul(dv, N.call("log", u)),
                         _times_derivative(v, ratio, {id(ratio)}) if du is not ZERO else ZERO)
            d = _mul(n, inner)
        elif op in ("min", "max"):
            a, b = n.args
            da, db = memo[id(a)], memo[id(b)]
            if da is ZERO and db is ZERO:
                d = ZERO
            else:
                # min = (a + b - |a - b|)/2, max = (a + b + |a - b|)/2; defined where a != b
                diffab = N.sub(a, b)
                sgn = N.div(diffab, N.call("abs", diffab))
                jump = _mul(sgn, _sub(da, db))
                d = N.div(_sub(_add(da, db), jump) if op == "min" else _add(_add(da, db), jump), TWO)
        else:
            (u,) = n.args
            du = memo[id(u)]
            if du is ZERO:
                d = ZERO
            elif op == "log":
                d = N.div(du, u)
                if d.op == "div":
                    cancellable.add(id(d))
            else:
                d = _chain(_local(n, u), du)
        memo[id(n)] = d
    return memo[id(F)]


def gradient(F: N.Node, names) -> list[N.Node]:
    return [diff(F, v) for v in names]


def hessian(F: N.Node, names) -> list[list[N.Node]]:
    """Upper triangle used: H[i][j] = d^2 F / d v_i d v_j for j >= i (H[j][i] is the same tree)."""
    grad = gradient(F, names)
    H = [[None] * len(names) for _ in names]
    for i, g in enumerate(grad):
        for j in range(i, len(names)):
            H[i][j] = H[j][i] = diff(g, names[j])
    return H
