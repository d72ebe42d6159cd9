"""sympy expression -> arb function, by a tree walker of our own (GUIDE §2: not ``lambdify``).

Rationals become exact ``fmpq`` balls at evaluation time (so precision escalation re-rounds
them), integer powers are repeated multiplication (never ``x ** 2`` on an arb, python-flint
issue 8), and functions with a restricted domain (sqrt, rational powers, log, acos, asin) are
*strict* by default: a ball that pokes outside the domain gives NaN, which decides nothing.
They are *clipped* (the ball intersected with the domain) only for arguments listed in
``clip``; the caller puts an argument there only after proving, as a separate claim, that the
argument stays in the function's domain over the whole claim domain (see ``obligations``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import sympy
from flint import arb, fmpq

from .errors import CertifyInputError


@dataclass(frozen=True)
class Obligation:
    """A side condition under which an expression is defined: ``lo <= arg`` and/or ``arg <= hi``
    (``strict`` for log).  Proved as ordinary claims before the main search."""
    kind: str          # 'sqrt' | 'log' | 'acos' | 'asin' | 'root'
    arg: sympy.Expr

    def inequalities(self):
        """The obligation as a list of (expr, op, rhs) triples with exact right-hand sides."""
        if self.kind in ("sqrt", "root"):
            return [(self.arg, ">=", sympy.Integer(0))]
        if self.kind == "log":
            return [(self.arg, ">", sympy.Integer(0))]
        return [(self.arg, ">=", sympy.Integer(-1)), (self.arg, "<=", sympy.Integer(1))]


def _is_fractional_pow(node) -> bool:
    return node.is_Pow and node.exp.is_Rational and not node.exp.is_Integer


def obligations(expr: sympy.Expr) -> list[Obligation]:
    """Every domain side condition of ``expr`` (innermost first, deduplicated)."""
    found: list[Obligation] = []
    for node in sympy.postorder_traversal(expr):
        ob = None
        if _is_fractional_pow(node):
            ob = Obligation("sqrt" if node.exp.q == 2 else "root", node.base)
        elif node.is_Pow and not node.exp.is_Rational:
            ob = Obligation("log", node.base)
        elif isinstance(node, sympy.log):
            ob = Obligation("log", node.args[0])
        elif isinstance(node, sympy.acos):
            ob = Obligation("acos", node.args[0])
        elif isinstance(node, sympy.asin):
            ob = Obligation("asin", node.args[0])
        if ob is not None and ob not in found:
            found.append(ob)
    return found


def _int_pow(x: arb, n: int) -> arb:
    if n < 0:
        return 1 / _int_pow(x, -n)
    result = None
    base = x
    while n:
        if n & 1:
            result = base if result is None else result * base
        n >>= 1
        if n:
            base = base * base
    return arb(1) if result is None else result


def _clip_sqrt(x: arb) -> arb:
    """sqrt on a ball known (by a proved obligation) to be >= 0 mathematically: sqrt is
    increasing, so evaluate it at the clipped ends (arb's own sqrt of a ball touching 0 returns
    a ball centred at 0, which wastes half its width below 0)."""
    lo = x.lower()
    low = arb(0) if not (lo > 0) else lo.sqrt()
    return low.union(x.upper().sqrt())


def _clip_acos(x: arb) -> arb:
    """acos on a ball known (by a proved obligation) to lie in [-1, 1] mathematically."""
    s = ((1 - x) * (1 + x)).nonnegative_part().sqrt()
    if x > 0:
        return (s / x).atan()
    if x < 0:
        return arb.pi() - (s / (-x)).atan()
    y = x.acos()
    if y.is_finite():
        return y
    return arb.pi() / 2 + arb(0, 1) * arb.pi() / 2     # acos takes values in [0, pi]


_UNARY = {
    sympy.exp: lambda x: x.exp(),
    sympy.sin: lambda x: x.sin(),
    sympy.cos: lambda x: x.cos(),
    sympy.tan: lambda x: x.tan(),
    sympy.atan: lambda x: x.atan(),
    sympy.sinc: lambda x: x.sinc(),
    sympy.Abs: lambda x: abs(x),
    sympy.sinh: lambda x: x.sinh(),
    sympy.cosh: lambda x: x.cosh(),
    sympy.tanh: lambda x: x.tanh(),
    sympy.sign: lambda x: x.sgn(),
}


class ArbFunction:
    """A compiled sympy expression: ``F(*balls) -> arb`` at the current ``flint.ctx.prec``."""

    def __init__(self, expr: sympy.Expr, variables: Sequence[sympy.Symbol], clip=()):
        self.expr = sympy.sympify(expr)
        self.variables = tuple(variables)
        self.clip = frozenset(clip)
        self._index = {v: i for i, v in enumerate(self.variables)}
        self._memo: dict = {}
        self._fn = self._compile(self.expr)

    def __call__(self, *args: arb) -> arb:
        if len(args) != len(self.variables):
            raise TypeError("wrong number of arguments")
        return self._fn(args)

    # -- compilation -------------------------------------------------------------------------
    def _compile(self, node) -> Callable:
        hit = self._memo.get(node)
        if hit is None:
            hit = self._memo[node] = self._build(node)
        return hit

    def _build(self, node) -> Callable:
        if node.is_Symbol:
            if node not in self._index:
                raise CertifyInputError(f"unknown variable '{node}'")
            i = self._index[node]
            return lambda a: a[i]
        if node.is_Integer:
            k = int(node)
            return lambda a: arb(k)
        if node.is_Rational:
            q = fmpq(int(node.p), int(node.q))
            return lambda a: arb(q)
        if node.is_Float:
            raise CertifyInputError(f"binary float {node} in expression; write it as a decimal string")
        if node is sympy.pi:
            return lambda a: arb.pi()
        if node is sympy.E:
            return lambda a: arb(1).exp()
        if node.is_Add:
            parts = [self._compile(t) for t in node.args]

            def add(a):
                s = parts[0](a)
                for p in parts[1:]:
                    s = s + p(a)
                return s
            return add
        if node.is_Mul:
            parts = [self._compile(t) for t in node.args]

            def mul(a):
                s = parts[0](a)
                for p in parts[1:]:
                    s = s * p(a)
                return s
            return mul
        if node.is_Pow:
            return self._build_pow(node)
        if isinstance(node, sympy.log):
            inner = self._compile(node.args[0])
            clip = node.args[0] in self.clip
            return lambda a: (inner(a).nonnegative_part() if clip else inner(a)).log()
        if isinstance(node, sympy.acos):
            inner = self._compile(node.args[0])
            if node.args[0] in self.clip:
                return lambda a: _clip_acos(inner(a))
            return lambda a: inner(a).acos()
        if isinstance(node, sympy.asin):
            inner = self._compile(node.args[0])
            if node.args[0] in self.clip:
                return lambda a: arb.pi() / 2 - _clip_acos(inner(a))
            return lambda a: inner(a).asin()
        for cls, fn in _UNARY.items():
            if isinstance(node, cls):
                inner = self._compile(node.args[0])
                return lambda a, fn=fn: fn(inner(a))
        raise CertifyInputError(f"unsupported operation '{type(node).__name__}' in expression")

    def _build_pow(self, node) -> Callable:
        base = self._compile(node.base)
        e = node.exp
        if e.is_Integer:
            n = int(e)
            return lambda a: _int_pow(base(a), n)
        clip = node.base in self.clip
        if e.is_Rational:
            p, q = int(e.p), int(e.q)

            def rpow(a):
                b = base(a)
                if clip and q == 2:
                    r = _clip_sqrt(b)
                else:
                    r = (b.nonnegative_part() if clip else b)
                    r = r.sqrt() if q == 2 else r.root(q)
                return _int_pow(r, p)
            return rpow
        expo = self._compile(e)

        def gpow(a):
            b = base(a)
            if clip:
                b = b.nonnegative_part()
            return (expo(a) * b.log()).exp()
        return gpow
