"""Terms of the checker: expressions exactly as a certificate writes them.

A ``Term`` is interned (two equal terms are the same object), so a term can key a dictionary of
domain facts and a shared subterm is evaluated once.  Nothing is simplified: ``x/x`` stays a
quotient.  The only folding is exact arithmetic between two numbers (``2/3``, ``-1``, ``2**3``);
a literal division by zero is a malformed certificate.

Operations: ``num`` (data: an fmpq), ``pi``, ``e``, ``var`` (data: the name), ``neg``, ``add``,
``sub``, ``mul``, ``div``, ``pown`` (data: an integer exponent), ``rpow`` (data: (p, q), q >= 2 in
lowest terms), ``pow`` (x**y for x > 0), the functions of ``FUNCTIONS``, ``min``, ``max``.
"""
from __future__ import annotations

import sympy
from flint import fmpq

FUNCTIONS = ("sqrt", "exp", "log", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh",
             "tanh", "asinh", "acosh", "atanh", "abs", "sinc")


class CheckError(Exception):
    """A certificate that does not re-verify (the message says which step failed)."""


class Term:
    __slots__ = ("op", "args", "data")

    def __init__(self, op, args, data):
        self.op, self.args, self.data = op, args, data

    def __repr__(self):
        return f"Term({self.op}, {self.data!r}, {len(self.args)} args)"


_TABLE: dict = {}


def make(op, args=(), data=None) -> Term:
    key = (op, tuple(id(a) for a in args), data)
    t = _TABLE.get(key)
    if t is None:
        t = _TABLE[key] = Term(op, tuple(args), data)
    return t


def num(q) -> Term:
    return make("num", (), fmpq(q))


def var(name: str) -> Term:
    return make("var", (), name)


def _numbers(*ts):
    return all(t.op == "num" for t in ts)


def neg(a):
    return num(-a.data) if a.op == "num" else make("neg", (a,))


def binary(op, a, b) -> Term:
    if op in ("add", "sub", "mul", "div") and _numbers(a, b):
        x, y = a.data, b.data
        if op == "div":
            if y == 0:
                raise CheckError("a literal division by zero")
            return num(x / y)
        return num(x + y if op == "add" else x - y if op == "sub" else x * y)
    return make(op, (a, b))


def pown(a, n: int) -> Term:
    if a.op == "num":
        if a.data == 0 and n < 0:
            raise CheckError("a literal division by zero (0 to a negative power)")
        return num(a.data ** n)
    return make("pown", (a,), n)


def power(a, b) -> Term:
    """a**b: an integer exponent is pown, a rational one rpow, anything else pow."""
    if b.op == "num":
        q = b.data
        if q.q == 1:
            return pown(a, int(q.p))
        return make("rpow", (a,), (int(q.p), int(q.q)))
    return make("pow", (a, b))


def call(name, args) -> Term:
    if name in FUNCTIONS and len(args) == 1:
        return make(name, tuple(args))
    if name in ("min", "max") and len(args) == 2:
        return make(name, tuple(args))
    raise CheckError(f"unknown function {name} of {len(args)} arguments")


_ORDERS: dict = {}


def postorder(roots):
    """Every distinct subterm of ``roots``, each after its arguments (memoized: terms are
    interned and live as long as the table)."""
    key = tuple(id(r) for r in roots)
    got = _ORDERS.get(key)
    if got is None:
        got = _ORDERS[key] = _postorder(roots)
    return got


def _postorder(roots):
    out, seen, stack = [], set(), [(r, False) for r in reversed(roots)]
    while stack:
        t, done = stack.pop()
        if id(t) in seen:
            continue
        if done:
            seen.add(id(t))
            out.append(t)
            continue
        stack.append((t, True))
        stack.extend((a, False) for a in reversed(t.args) if id(a) not in seen)
    return out


def rebuild(t: Term, args) -> Term:
    op = t.op
    if op == "neg":
        return neg(args[0])
    if op in ("add", "sub", "mul", "div"):
        return binary(op, *args)
    if op == "pown":
        return pown(args[0], t.data)
    if op == "rpow":
        return make("rpow", tuple(args), t.data)
    if op == "pow":
        return power(*args)
    return make(op, tuple(args), t.data)


def substitute(t: Term, images: dict) -> Term:
    """t with each variable named in ``images`` replaced by its image term."""
    memo: dict = {}
    for s in postorder([t]):
        if s.op == "var" and s.data in images:
            memo[id(s)] = images[s.data]
        elif not s.args:
            memo[id(s)] = s
        else:
            memo[id(s)] = rebuild(s, [memo[id(a)] for a in s.args])
    return memo[id(t)]


def variables(t: Term) -> set:
    return {s.data for s in postorder([t]) if s.op == "var"}


_SYMPY_UNARY = {"sqrt": sympy.sqrt, "exp": sympy.exp, "log": sympy.log, "sin": sympy.sin,
                "cos": sympy.cos, "tan": sympy.tan, "asin": sympy.asin, "acos": sympy.acos,
                "atan": sympy.atan, "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh,
                "asinh": sympy.asinh, "acosh": sympy.acosh, "atanh": sympy.atanh,
                "abs": sympy.Abs, "sinc": sympy.sinc}


_SYMPY: dict = {}


def to_sympy(t: Term, symbols: dict):
    """The sympy expression of t; ``symbols`` maps each variable name to its sympy Symbol
    (memoized by term and symbols: terms are interned, sympy expressions immutable)."""
    key = (id(t), tuple(sorted(symbols.items())))
    got = _SYMPY.get(key)
    if got is None:
        got = _SYMPY[key] = _to_sympy(t, symbols)
    return got


def _to_sympy(t: Term, symbols: dict):
    memo: dict = {}
    for s in postorder([t]):
        a = [memo[id(x)] for x in s.args]
        op = s.op
        if op == "num":
            v = sympy.Rational(int(s.data.p), int(s.data.q))
        elif op == "pi":
            v = sympy.pi
        elif op == "e":
            v = sympy.E
        elif op == "var":
            v = symbols[s.data]
        elif op == "neg":
            v = -a[0]
        elif op in ("add", "sub", "mul", "div"):
            x, y = a
            v = x + y if op == "add" else x - y if op == "sub" else x * y if op == "mul" else x / y
        elif op == "pown":
            v = a[0] ** s.data
        elif op == "rpow":
            v = a[0] ** sympy.Rational(*s.data)
        elif op == "pow":
            v = a[0] ** a[1]
        elif op in ("min", "max"):
            v = (sympy.Min if op == "min" else sympy.Max)(*a)
        else:
            v = _SYMPY_UNARY[op](a[0])
        memo[id(s)] = v
    return memo[id(t)]
