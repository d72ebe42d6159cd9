"""sympy <-> trees.  Lemma modules declare claims as sympy expressions (what the author built in
Python is the claim as written); the engine reads them into its own trees here, and hands trees
back to sympy only for exact symbolic work (identities, limits, recorded rewrites).

``from_sympy`` keeps sympy's structure: ``Pow(x, -1)`` is ``x**(-1)`` (undefined at 0 like
1/x), ``Pow(x, 1/2)`` is ``sqrt(x)``, ``Pow(E, y)`` is ``exp(y)``.  sympy ``Float`` is refused.
"""
from __future__ import annotations

import sympy
from flint import fmpq

from ..errors import CertifyInputError
from . import nodes as N

_FUNCS = {sympy.exp: "exp", sympy.log: "log", sympy.sin: "sin", sympy.cos: "cos", sympy.tan: "tan",
          sympy.asin: "asin", sympy.acos: "acos", sympy.atan: "atan", sympy.sinh: "sinh",
          sympy.cosh: "cosh", sympy.tanh: "tanh", sympy.asinh: "asinh", sympy.acosh: "acosh",
          sympy.atanh: "atanh", sympy.Abs: "abs", sympy.sinc: "sinc"}
_TO_SYMPY = {**{name: f for f, name in _FUNCS.items()}, "sqrt": sympy.sqrt}


def from_sympy(expr, names=None) -> N.Node:
    """The tree of a sympy expression; with ``names``, every free symbol must be one of them."""
    expr = sympy.sympify(expr)
    memo: dict = {}

    def walk(e):
        hit = memo.get(e)
        if hit is None:
            hit = memo[e] = build(e)
        return hit

    def build(e):
        if e.is_Symbol:
            if names is not None and e.name not in names:
                raise CertifyInputError(f"unknown variable '{e.name}' (domain has {', '.join(names)})")
            return N.var(e.name)
        if e.is_Float:
            raise CertifyInputError(f"binary float {e} in expression; write it as an exact decimal string")
        if e.is_Rational:
            return N.num(fmpq(int(e.p), int(e.q)))
        if e is sympy.pi:
            return N.PI
        if e is sympy.E:
            return N.E
        if e.is_Add:
            terms = [walk(t) for t in _ordered(e.args)]
            out = terms[0]
            for t in terms[1:]:
                out = N.add(out, t)
            return out
        if e.is_Mul:
            factors = [walk(f) for f in _ordered(e.args)]
            out = factors[0]
            for f in factors[1:]:
                out = N.mul(out, f)
            return out
        if e.is_Pow:
            base, ex = e.args
            if base is sympy.E:
                return N.call("exp", walk(ex))
            if ex.is_Rational:
                if ex == sympy.Rational(1, 2):
                    return N.call("sqrt", walk(base))
                return N.rpow(walk(base), int(ex.p), int(ex.q))
            return N.power(walk(base), walk(ex))
        for cls, name in _FUNCS.items():
            if isinstance(e, cls):
                if len(e.args) != 1:
                    break
                return N.call(name, walk(e.args[0]))
        if isinstance(e, (sympy.Min, sympy.Max)):
            args = [walk(a) for a in _ordered(e.args)]
            out = args[0]
            for a in args[1:]:
                out = N.minimum(out, a) if isinstance(e, sympy.Min) else N.maximum(out, a)
            return out
        raise CertifyInputError(f"unsupported operation '{type(e).__name__}' in expression")

    return walk(expr)


def _ordered(args):
    return sorted(args, key=sympy.default_sort_key)


def to_sympy(node: N.Node, real=True):
    """The sympy expression of a tree (sympy evaluates on construction: use it for exact
    symbolic facts only, never for definedness)."""
    memo: dict = {}
    for n in N.postorder([node]):
        a = [memo[id(x)] for x in n.args]
        op = n.op
        if op == "num":
            v = sympy.Rational(int(n.data.p), int(n.data.q))
        elif op == "pi":
            v = sympy.pi
        elif op == "e":
            v = sympy.E
        elif op == "var":
            v = sympy.Symbol(n.data, real=True) if real else sympy.Symbol(n.data)
        elif op == "neg":
            v = -a[0]
        elif op == "add":
            v = a[0] + a[1]
        elif op == "sub":
            v = a[0] - a[1]
        elif op == "mul":
            v = a[0] * a[1]
        elif op == "div":
            v = a[0] / a[1]
        elif op == "pown":
            v = a[0] ** n.data
        elif op == "rpow":
            v = a[0] ** sympy.Rational(*n.data)
        elif op == "pow":
            v = a[0] ** a[1]
        elif op == "min":
            v = sympy.Min(*a)
        elif op == "max":
            v = sympy.Max(*a)
        else:
            v = _TO_SYMPY[op](a[0])
        memo[id(n)] = v
    return memo[id(node)]
