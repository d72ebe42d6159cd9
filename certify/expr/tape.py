"""Compilation of trees to straight-line code, and the three evaluators that run it.

A ``Tape`` lists the nodes of several output trees once each (shared subexpressions are
computed once), children first.  Outputs come in *levels* (F; then its gradient; then its
Hessian), and the nodes of level k come after those of the levels before it, so evaluating a
prefix of the tape computes the lower levels only.  Nothing symbolic runs when a tape is
evaluated.

- ``intervals(box)``: decorated interval evaluation (``interval.Interval``, IEEE 1788 §8): each
  node's decoration is the minimum of its operation's local decoration and its inputs'.
- ``balls(box)``: a fast path on arb balls that returns None for an output whenever any partial
  operation is not certainly inside its domain on the ball (so a ball result always means
  *defined, continuous and bounded on the cell*, i.e. decoration com).
- ``exact(point)``: exact rational evaluation when only + - * / and integer powers occur (so a
  slack of exactly 0 at a rational point is seen as 0), else None.
"""
from __future__ import annotations

import flint
from flint import arb, fmpq

from . import interval as I
from .nodes import Node, postorder

_UNARY_BALL = {
    "exp": lambda x: x.exp(), "sin": lambda x: x.sin(), "cos": lambda x: x.cos(),
    "atan": lambda x: x.atan(), "sinh": lambda x: x.sinh(), "cosh": lambda x: x.cosh(),
    "tanh": lambda x: x.tanh(), "asinh": lambda x: x.asinh(), "abs": lambda x: abs(x),
    "sinc": lambda x: x.sinc(), "neg": lambda x: -x,
    "sqrt": lambda x: x.sqrt() if x >= 0 else None,
    "log": lambda x: x.log() if x > 0 else None,
    "asin": lambda x: x.asin() if (x >= -1 and x <= 1) else None,
    "acos": lambda x: x.acos() if (x >= -1 and x <= 1) else None,
    "acosh": lambda x: x.acosh() if x >= 1 else None,
    "atanh": lambda x: x.atanh() if (x > -1 and x < 1) else None,
}


def _ball_tan(x):
    c = x.cos()
    return x.tan() if (c > 0 or c < 0) else None


def _ball_div(a, b):
    return a / b if (b > 0 or b < 0) else None


def _ball_pown(x, n):
    if n < 0:
        if not (x > 0 or x < 0):
            return None
        return 1 / _ball_pown(x, -n)
    r = I.ONE
    base = x
    while n:
        if n & 1:
            r = r * base
        n >>= 1
        if n:
            base = base * base
    return r


def _ball_rpow(x, p, q):
    if not x > 0:
        return None
    return (x.log() * p / q).exp()


_BINARY_BALL = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "div": _ball_div, "min": lambda a, b: a.min(b), "max": lambda a, b: a.max(b),
    "pow": lambda a, b: (b * a.log()).exp() if a > 0 else None,
}


class Tape:
    def __init__(self, levels: list[list[Node]], names):
        self.names = tuple(names)
        order, seen, self.level_end = [], set(), []
        for outs in levels:
            for n in postorder(outs):
                if id(n) not in seen:
                    seen.add(id(n))
                    order.append(n)
            self.level_end.append(len(order))
        index = {id(n): i for i, n in enumerate(order)}
        self.index = index
        self.outputs = [[index[id(n)] for n in outs] for outs in levels]
        self.nodes = order
        self.code = []
        var_index = {v: i for i, v in enumerate(self.names)}
        for n in order:
            args = tuple(index[id(a)] for a in n.args)
            if n.op == "var":
                if n.data not in var_index:
                    raise KeyError(n.data)
                self.code.append(("var", var_index[n.data], args))
            else:
                self.code.append((n.op, n.data, args))
        self._consts = {}

    # -- constants are rounded at the current precision (escalation re-rounds them) -----------
    def _const(self, i, n):
        key = (i, flint.ctx.prec)
        c = self._consts.get(key)
        if c is None:
            if n.op == "num":
                ball = arb(n.data)
            elif n.op == "pi":
                ball = arb.pi()
            else:
                ball = arb.const_e()
            c = self._consts[key] = (I.from_arb(ball), ball)
        return c

    def position(self, node: Node) -> int:
        return self.index[id(node)]

    def _fact_positions(self, facts):
        return {self.index[id(n)]: f for n, f in facts.items() if id(n) in self.index}

    def intervals(self, box, level: int = 0, facts=None):
        """Decorated interval values of every node up to ``level``: (values, decorations).
        ``facts`` (node -> proved range, ``certify.obligations``) narrow those nodes' values."""
        end = self.level_end[level]
        vals, decs = [None] * end, [0] * end
        U, B = I.UNARY, I.BINARY
        narrow = self._fact_positions(facts) if facts else {}
        for i in range(end):
            op, data, args = self.code[i]
            if op == "var":
                v = box[data]
                d = I.COM if v.bounded else I.DAC
            elif op in ("num", "pi", "e"):
                v, d = self._const(i, self.nodes[i])[0], I.COM
            elif op == "pown":
                v, d = I.pown(vals[args[0]], data)
                d = min(d, decs[args[0]])
            elif op == "rpow":
                v, d = I.rpow(vals[args[0]], *data)
                d = min(d, decs[args[0]])
            elif len(args) == 1:
                v, d = U[op](vals[args[0]])
                d = min(d, decs[args[0]])
            else:
                a, b = args
                v, d = B[op](vals[a], vals[b])
                d = min(d, decs[a], decs[b])
            if i in narrow:
                v = I.narrow(v, narrow[i])
            vals[i], decs[i] = v, d
        return vals, decs

    def balls(self, box, level: int = 0):
        """arb balls of every node up to ``level`` (None where a domain is not certain)."""
        end = self.level_end[level]
        vals = [None] * end
        for i in range(end):
            op, data, args = self.code[i]
            if op == "var":
                v = box[data]
            elif op in ("num", "pi", "e"):
                v = self._const(i, self.nodes[i])[1]
            else:
                xs = [vals[a] for a in args]
                if any(x is None for x in xs):
                    v = None
                elif op == "pown":
                    v = _ball_pown(xs[0], data)
                elif op == "rpow":
                    v = _ball_rpow(xs[0], *data)
                elif op == "tan":
                    v = _ball_tan(xs[0])
                elif len(xs) == 1:
                    v = _UNARY_BALL[op](xs[0])
                else:
                    v = _BINARY_BALL[op](*xs)
                if v is not None and not v.is_finite():
                    v = None
            vals[i] = v
        return vals

    def exact(self, point, output: int | None = None):
        """Exact rational value of output ``output`` (default: the first) at a rational point,
        or None when a non-rational operation or a division by zero is met."""
        target = self.outputs[0][0] if output is None else output
        vals = [None] * (target + 1)
        for i in range(target + 1):
            op, data, args = self.code[i]
            xs = [vals[a] for a in args]
            if any(x is None for x in xs):
                v = None
            elif op == "var":
                v = fmpq(point[data])
            elif op == "num":
                v = data
            elif op == "neg":
                v = -xs[0]
            elif op == "add":
                v = xs[0] + xs[1]
            elif op == "sub":
                v = xs[0] - xs[1]
            elif op == "mul":
                v = xs[0] * xs[1]
            elif op == "div":
                v = None if xs[1] == 0 else xs[0] / xs[1]
            elif op == "pown":
                v = None if (xs[0] == 0 and data < 0) else xs[0] ** data
            else:
                v = None
            vals[i] = v
        return vals[target]
