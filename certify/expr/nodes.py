"""The expression as written: an immutable, hash-consed tree (a DAG with shared subterms).

Nothing is simplified on construction: ``x/x`` stays a division, ``sqrt(x)**2`` a square of a
square root, ``exp(log(x))`` an exponential of a logarithm, so every point where the expression
is undefined survives until the decorated evaluation sees it.  The only folding is exact
arithmetic between two *numbers* (``2/3``, ``-1``, ``2**3``), which can neither create nor
remove an undefined point (a literal division by zero is an input error).

Operations (``Node.op``):
  ``num``   exact rational ``data`` (an fmpq);  ``pi``, ``e``;  ``var`` named ``data``
  ``neg``, ``add``, ``sub``, ``mul``, ``div``
  ``pown``  integer power, exponent ``data`` (x**0 = 1 everywhere, x**-n needs x != 0)
  ``rpow``  rational power ``data = (p, q)``, q >= 2 in lowest terms: x >= 0 (x > 0 if p < 0)
  ``pow``   real power x**y = exp(y log x), x > 0
  unary functions ``FUNCTIONS``; ``min`` and ``max`` of two arguments.
"""
from __future__ import annotations

from functools import lru_cache

from flint import fmpq

from ..errors import CertifyInputError

FUNCTIONS = ("sqrt", "exp", "log", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh",
             "tanh", "asinh", "acosh", "atanh", "abs", "sinc")
BINARY = ("add", "sub", "mul", "div", "pow", "min", "max")


class Node:
    """One node of an expression; build with the functions below, never directly."""
    __slots__ = ("op", "args", "data", "_key", "__weakref__")

    def __init__(self, op, args, data, key):
        self.op, self.args, self.data, self._key = op, args, data, key

    def __repr__(self):
        from .text import to_text
        return f"Node({to_text(self)!r})"

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    # operator sugar for building trees in Python (engine code and tests only)
    def __add__(self, o): return add(self, lift(o))
    def __radd__(self, o): return add(lift(o), self)
    def __sub__(self, o): return sub(self, lift(o))
    def __rsub__(self, o): return sub(lift(o), self)
    def __mul__(self, o): return mul(self, lift(o))
    def __rmul__(self, o): return mul(lift(o), self)
    def __truediv__(self, o): return div(self, lift(o))
    def __rtruediv__(self, o): return div(lift(o), self)
    def __neg__(self): return neg(self)

    def __pow__(self, o):
        if isinstance(o, int):
            return pown(self, o)
        return power(self, lift(o))

    @property
    def is_number(self) -> bool:
        return self.op == "num"


_TABLE: dict = {}


def _make(op, args=(), data=None) -> Node:
    key = (op, tuple(id(a) for a in args), data)
    node = _TABLE.get(key)
    if node is None:
        node = _TABLE[key] = Node(op, tuple(args), data, key)
    return node


def num(q) -> Node:
    """The constant q (an int or fmpq), keyed by its integer pair: python-flint hashes
    an fmpq through a Fraction (~3.5 us), which every parsed number would pay."""
    if isinstance(q, float):
        raise CertifyInputError(f"binary float {q!r} refused: write the constant as a decimal string")
    if type(q) is int:
        key = ("num", (), (q, 1))
    else:
        q = q if isinstance(q, fmpq) else fmpq(q)
        key = ("num", (), (int(q.p), int(q.q)))
    node = _TABLE.get(key)
    if node is None:
        node = _TABLE[key] = Node("num", (), fmpq(q) if type(q) is int else q, key)
    return node


def var(name: str) -> Node:
    return _make("var", (), name)


PI = _make("pi")
E = _make("e")
ZERO, ONE = num(0), num(1)


def lift(o) -> Node:
    return o if isinstance(o, Node) else num(o)


def neg(a: Node) -> Node:
    if a.op == "num":
        return num(-a.data)
    return _make("neg", (a,))


def _fold(op, a, b):
    if a.op == "num" and b.op == "num":
        x, y = a.data, b.data
        if op == "add":
            return num(x + y)
        if op == "sub":
            return num(x - y)
        if op == "mul":
            return num(x * y)
        if op == "div":
            if y == 0:
                raise CertifyInputError("division by zero in expression")
            return num(x / y)
    return None


def add(a, b): return _fold("add", a, b) or _make("add", (a, b))
def sub(a, b): return _fold("sub", a, b) or _make("sub", (a, b))
def mul(a, b): return _fold("mul", a, b) or _make("mul", (a, b))
def div(a, b):
    if b.op == "num" and b.data == 0:
        raise CertifyInputError("division by zero in expression")
    return _fold("div", a, b) or _make("div", (a, b))


def pown(a: Node, n: int) -> Node:
    if a.op == "num":
        if a.data == 0 and n < 0:
            raise CertifyInputError("division by zero in expression (0 to a negative power)")
        return num(a.data ** n)
    return _make("pown", (a,), int(n))


def rpow(a: Node, p: int, q: int) -> Node:
    """a**(p/q); the fraction is reduced, an integer exponent gives ``pown``."""
    r = fmpq(p, q)
    if r.q == 1:
        return pown(a, int(r.p))
    return _make("rpow", (a,), (int(r.p), int(r.q)))


def power(a: Node, b: Node) -> Node:
    """a**b as written: integer and rational constant exponents are pown / rpow."""
    if b.op == "num":
        return rpow(a, int(b.data.p), int(b.data.q))
    return _make("pow", (a, b))


def call(name: str, a: Node) -> Node:
    if name not in FUNCTIONS:
        raise CertifyInputError(f"unknown function '{name}'")
    return _make(name, (a,))


def minimum(a, b): return _make("min", (a, b))
def maximum(a, b): return _make("max", (a, b))


def postorder(roots) -> list[Node]:
    """Every node reachable from ``roots``, each once, children before parents."""
    seen, order = set(), []
    for root in roots:
        stack = [(root, False)]
        while stack:
            node, done = stack.pop()
            if done:
                order.append(node)
                continue
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, True))
            for a in reversed(node.args):
                if id(a) not in seen:
                    stack.append((a, False))
    return order


@lru_cache(maxsize=8192)
def variables(node: Node) -> frozenset[str]:
    """The names of the variables of a tree (remembered: nodes are hash-consed and kept)."""
    return frozenset(n.data for n in postorder([node]) if n.op == "var")


def substitute(node: Node, images: dict) -> Node:
    """Replace variables by trees (``images``: name -> Node), keeping everything as written."""
    memo = {}
    for n in postorder([node]):
        if n.op == "var":
            memo[id(n)] = images.get(n.data, n)
        elif not n.args:
            memo[id(n)] = n
        else:
            args = tuple(memo[id(a)] for a in n.args)
            memo[id(n)] = n if all(a is b for a, b in zip(args, n.args)) else _make(n.op, args, n.data)
    return memo[id(node)]
