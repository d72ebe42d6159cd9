"""Decorated evaluation of terms on a box, and exact evaluation at a rational point.

``values(roots, box, facts)`` evaluates each root with ``arith`` on the box (variable name ->
``Iv``) and returns ``(Iv, decoration)`` per root; a term's decoration is the minimum of its own
operation's and its arguments' (IEEE 1788 propagation).  ``facts`` (term -> Iv) are ranges a
replayed obligation proved for that term on the whole searched domain; each is intersected into
the term's value, which is sound on any box inside that domain.
"""
from __future__ import annotations

from flint import fmpq

from . import arith as A
from . import terms as T


def values(roots, box: dict, facts=None, point=None):
    """``point`` (name -> fmpq, the box being that point): a term of rational arithmetic alone
    takes its exact value there (2 - (3/2) b^-1 is 0 at b = 3/4, so sqrt of it is defined)."""
    facts = facts or {}
    memo: dict = {}
    rational: dict = {}
    for t in T.postorder(roots):
        op = t.op
        if point is not None and op in _RATIONAL and all(rational.get(id(a)) is not None for a in t.args):
            xs = [rational[id(a)] for a in t.args]
            q = None if op == "pown" and abs(t.data) * _bits(xs[0]) > POINT_BITS else _rational(t, xs, point)
            if q is not None and q is not UNDEFINED and _bits(q) <= POINT_BITS:
                rational[id(t)] = q
                memo[id(t)] = (A.point(q), A.COM)
                continue
        if op == "num":
            memo[id(t)] = (A.point(t.data), A.COM)
            continue
        if op in ("pi", "e"):
            memo[id(t)] = (A.constant(op), A.COM)
            continue
        if op == "var":
            v = box[t.data]
            memo[id(t)] = (v, A.COM if A.bounded(v) else A.DAC)
            continue
        args = [memo[id(a)] for a in t.args]
        v, dec = A.apply(op, tuple(a[0] for a in args), t.data)
        dec = min([dec] + [a[1] for a in args])
        fact = facts.get(t)
        if fact is not None:
            v = A.meet(v, fact)
        memo[id(t)] = (v, dec)
    return [memo[id(r)] for r in roots]


def value(t, box, facts=None, point=None):
    return values([t], box, facts, point)[0]


UNDEFINED = object()
_RATIONAL = ("num", "var", "neg", "add", "sub", "mul", "div", "pown")
POINT_BITS = 1 << 16     # ``values`` at a point keeps exact rationals up to this size


def _bits(q) -> int:
    return q.p.bit_length() + q.q.bit_length()


def exact(t: T.Term, point: dict):
    """t at the rational point (name -> fmpq) when only rational arithmetic occurs: an fmpq,
    ``UNDEFINED`` (a division by zero inside), or None (another operation occurs)."""
    memo: dict = {}
    for s in T.postorder([t]):
        args = [memo[id(a)] for a in s.args]
        if any(a is UNDEFINED for a in args):
            memo[id(s)] = UNDEFINED
            continue
        if s.op not in _RATIONAL or any(a is None for a in args):
            memo[id(s)] = None
            continue
        memo[id(s)] = _rational(s, args, point)
    return memo[id(t)]


def _rational(s, args, point):
    op = s.op
    if op == "num":
        return s.data
    if op == "var":
        return fmpq(point[s.data])
    if op == "neg":
        return -args[0]
    if op == "pown":
        return UNDEFINED if args[0] == 0 and s.data < 0 else args[0] ** s.data
    x, y = args
    if op == "div":
        return UNDEFINED if y == 0 else x / y
    return x + y if op == "add" else x - y if op == "sub" else x * y
