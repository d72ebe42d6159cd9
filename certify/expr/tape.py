"""Compilation of trees to straight-line code, and the three evaluators that run it.

A ``Tape`` lists the nodes of several output trees once each (shared subexpressions are
computed once), children first.  Outputs come in *levels* (F; then its gradient; then its
Hessian), and the nodes of level k come after those of the levels before it, so evaluating a
prefix of the tape computes the lower levels only.  Nothing symbolic runs when a tape is
evaluated.

- ``intervals(box)``: decorated interval evaluation (``interval.Interval``, IEEE 1788 §8): each
  node's decoration is the minimum of its operation's local decoration and its inputs'.
- ``balls(box)``: a fast path on arb balls (operations in ``ball_ops``) that returns None for an
  output whenever any partial operation is not certainly inside its domain on the ball (so a
  ball result always means *defined, continuous and bounded on the cell*, i.e. decoration com).
- ``exact(point)``: exact rational evaluation when only + - * / and integer powers occur (so a
  slack of exactly 0 at a rational point is seen as 0), else None.
"""
from __future__ import annotations

import flint
from flint import arb, fmpq

from . import interval as I
from . import ball_ops as B
from .nodes import Node, postorder

UNDEFINED = "undefined"   # Tape.exact: a division by zero at the point
EXACT_BITS = 1 << 16      # exact rational evaluation gives up beyond this size
# A tape evaluated this often is compiled to straight-line code.  Compiling costs ~18 us per
# node on balls (python's compile()) and saves ~0.2 us per node and evaluation (tau of
# bench/peers.py, 73 nodes: 25.7 -> 12.0 us): break-even after ~100 evaluations, so balls
# compile after 96 (ski rental: a claim pays at most about twice the better choice; the peers
# bench's largest median-of-3 ratio to the bare bisection went from 3.7 at 24 to 1.8 at 96).
# Decorated tapes compile after 24: per tape the gain measured 0-30% (their interval
# operations dominate), yet `certify run` took 20.9-21.5 s of CPU with 24/24, 21.8-23.8 s with
# 96/256 and 19.6-20.0 s with 96/24 (balls/decorated, 2026-12-03, one after the other).
COMPILE_BALLS_AFTER = 96
COMPILE_INTERVALS_AFTER = 24
_TAPES: dict = {}


def tape_of(levels, names) -> "Tape":
    """The (shared) tape of these outputs: nodes are hash-consed, so the same expression in
    another claim, ladder or check reuses its compiled code."""
    key = (tuple(tuple(id(n) for n in outs) for outs in levels), tuple(names))
    t = _TAPES.get(key)
    if t is None:
        t = _TAPES[key] = Tape(levels, names)
    return t


_EXACT_OPS = frozenset({"var", "num", "neg", "add", "sub", "mul", "div", "pown"})


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

    def _programs(self):
        """Per node (kind, function, a, b), built once: kind 0 variable, 1 constant, 2 unary,
        3 binary; one program for intervals and one for balls.  On balls kinds 4 and 5 are the
        unary and binary operations of ``ball_ops.TOTAL`` whose value on finite balls is a
        finite ball (no None, no overflow: arb's exponents are unbounded), which need no check."""
        progs = self.__dict__.get("_progs")
        if progs is not None:
            return progs
        iv, bl = [], []
        for i, (op, data, args) in enumerate(self.code):
            total = op in B.TOTAL and op not in B.CHECKED and not (op == "pown" and data < 0)
            if op == "var":
                iv.append((0, data, None, None))
                bl.append((0, data, None, None))
            elif op in ("num", "pi", "e"):
                iv.append((1, i, None, None))
                bl.append((1, i, None, None))
            elif op == "pown":
                iv.append((2, lambda x, n=data: I.pown(x, n), args[0], None))
                bl.append((4 if total else 2, lambda x, n=data: B.ball_pown(x, n), args[0], None))
            elif op == "rpow":
                iv.append((2, lambda x, d=data: I.rpow(x, *d), args[0], None))
                bl.append((2, lambda x, d=data: B.ball_rpow(x, *d), args[0], None))
            elif len(args) == 1:
                iv.append((2, I.UNARY[op], args[0], None))
                bl.append((4 if total else 2, B.ball_tan if op == "tan" else B.UNARY[op], args[0], None))
            else:
                iv.append((3, I.BINARY[op], args[0], args[1]))
                bl.append((5 if total else 3, B.BINARY[op], args[0], args[1]))
        self._progs = (iv, bl)
        return self._progs

    def intervals(self, box, level: int = 0, facts=None):
        """Decorated interval values of every node up to ``level``: (values, decorations).
        ``facts`` (node -> proved range, ``certify.obligations``) narrow those nodes' values."""
        narrow = self._fact_positions(facts) if facts else None
        key = (level, bool(narrow))
        fns = self.__dict__.setdefault("_iv_code", {})
        fn = fns.get(key)
        if fn is None:
            uses = self.__dict__.setdefault("_iv_uses", {})
            uses[key] = uses.get(key, 0) + 1
            if uses[key] < COMPILE_INTERVALS_AFTER:
                return self._intervals_loop(box, level, narrow)
            fn = fns[key] = self._compile_intervals(self.level_end[level], bool(narrow))
        return fn(box, self._iv_consts(), self._programs()[0], narrow, I.narrow)

    def _intervals_loop(self, box, level, narrow):
        end = self.level_end[level]
        vals, decs = [None] * end, [0] * end
        prog = self._programs()[0]
        consts = self._iv_consts()
        for i in range(end):
            kind, f, a, b = prog[i]
            if kind == 2:
                v, d = f(vals[a])
                if decs[a] < d:
                    d = decs[a]
            elif kind == 3:
                v, d = f(vals[a], vals[b])
                if decs[a] < d:
                    d = decs[a]
                if decs[b] < d:
                    d = decs[b]
            elif kind == 0:
                v = box[f]
                d = I.COM if v.bounded else I.DAC
            else:
                v, d = consts[i], I.COM
            if narrow and i in narrow:
                v = I.narrow(v, narrow[i])
            vals[i], decs[i] = v, d
        return vals, decs

    def _iv_consts(self):
        key = flint.ctx.prec
        cache = self.__dict__.setdefault("_iv_consts_cache", {})
        c = cache.get(key)
        if c is None:
            c = cache[key] = [self._const(i, n)[0] if n.op in ("num", "pi", "e") else None
                              for i, n in enumerate(self.nodes)]
        return c

    def _compile_intervals(self, end, with_facts):
        """Straight-line Python for the decorated evaluation (see ``_compile_balls``)."""
        lines = ["def run(box, C, P, N, NR):", " COM, DAC = 4, 3"]
        for i in range(end):
            op, data, args = self.code[i]
            if op == "var":
                lines.append(f" v{i} = box[{int(data)}]; d{i} = COM if v{i}.bounded else DAC")
            elif op in ("num", "pi", "e"):
                lines.append(f" v{i} = C[{i}]; d{i} = COM")
            else:
                a = [int(j) for j in args]
                lines.append(f" v{i}, d{i} = P[{i}][1]({', '.join(f'v{j}' for j in a)})")
                for j in a:
                    lines.append(f" if d{j} < d{i}: d{i} = d{j}")
            if with_facts:
                lines.append(f" if {i} in N: v{i} = NR(v{i}, N[{i}])")
        lines.append(f" return [{', '.join(f'v{i}' for i in range(end))}], "
                     f"[{', '.join(f'd{i}' for i in range(end))}]")
        namespace: dict = {}
        exec(compile("\n".join(lines), "<tape>", "exec"), namespace)    # noqa: S102 - generated, no user text
        return namespace["run"]

    def balls(self, box, level: int = 0):
        """arb balls of every node up to ``level`` (None where a domain is not certain)."""
        fns = self.__dict__.setdefault("_ball_code", {})
        fn = fns.get(level)
        if fn is None:
            uses = self.__dict__.setdefault("_ball_uses", {})
            uses[level] = uses.get(level, 0) + 1
            if uses[level] < COMPILE_BALLS_AFTER:
                return self._balls_loop(box, level)
            fn = fns[level] = self._compile_balls(self.level_end[level])
        return fn(box, self._ball_consts(), self._programs()[1])

    def _balls_loop(self, box, level):
        """``balls`` without compiled code: the program interpreted node by node (the same
        operations and checks as ``_ball_step``, written inline)."""
        end = self.level_end[level]
        vals = [None] * end
        prog, consts = self._programs()[1], self._ball_consts()
        for i in range(end):
            kind, f, a, b = prog[i]
            if kind == 5:
                x, y = vals[a], vals[b]
                if x is not None and y is not None:
                    vals[i] = f(x, y)
            elif kind == 4:
                x = vals[a]
                if x is not None:
                    vals[i] = f(x)
            elif kind == 0:
                vals[i] = box[f]
            elif kind == 1:
                vals[i] = consts[i]
            else:
                vals[i] = _ball_step(prog[i], vals, box, consts, i)
        return vals

    def point_balls(self, point, level: int = 0):
        """arb balls of every node at an exact rational point (None where a domain is not
        certain, as ``balls``), each node whose cone is rational arithmetic alone taken from its
        exact value: 2 - (3/2) b^-1 is exactly 0 at b = 3/4, so sqrt of it is defined there,
        where ball arithmetic (b^-1 = 4/3 is no dyadic) gives a ball around 0 and sqrt of it is
        not certain."""
        end = self.level_end[level]
        vals, exact = [None] * end, [None] * end
        prog, consts = self._programs()[1], self._ball_consts()
        box = [arb(q) for q in point]
        for i in range(end):
            op, data, args = self.code[i]
            if op in _EXACT_OPS and all(exact[a] is not None for a in args):
                q = _exact_op(op, data, [exact[a] for a in args], point)
                if q is UNDEFINED:
                    continue                     # a division by an exact zero: None from here on
                if q is not None:
                    exact[i], vals[i] = q, arb(q)
                    continue
            vals[i] = _ball_step(prog[i], vals, box, consts, i)
        return vals

    def _ball_consts(self):
        key = flint.ctx.prec
        cache = self.__dict__.setdefault("_ball_consts_cache", {})
        c = cache.get(key)
        if c is None:
            c = cache[key] = [self._const(i, n)[1] if n.op in ("num", "pi", "e") else None
                              for i, n in enumerate(self.nodes)]
        return c

    def _compile_balls(self, end):
        """Straight-line Python for the ball path: one statement per node, built from the fixed
        templates below and integer positions only (no text of the expression is ever part of
        it), so nothing a user typed is executed."""
        lines, maybe_none = ["def run(box, C, P):"], set()
        for i in range(end):
            op, data, args = self.code[i]
            if op == "var":
                lines.append(f" v{i} = box[{int(data)}]")
                continue
            if op in ("num", "pi", "e"):
                lines.append(f" v{i} = C[{i}]")
                continue
            a = [f"v{int(j)}" for j in args]
            guard = " or ".join(f"{x} is None" for x, j in zip(a, args) if j in maybe_none)
            call = f"P[{i}][1]({', '.join(a)})"
            # the program's kinds 4 and 5 need no check (``_programs``): one decision for both paths
            checked = self._programs()[1][i][0] not in (4, 5)
            expr = B.TOTAL[op].format(*a) if op in B.TOTAL_TEMPLATES else call
            if guard:
                lines.append(f" v{i} = None if ({guard}) else {expr}")
            else:
                lines.append(f" v{i} = {expr}")
            if checked or guard:
                maybe_none.add(i)
                if checked:
                    lines.append(f" if v{i} is not None and not v{i}.is_finite(): v{i} = None")
        lines.append(f" return [{', '.join(f'v{i}' for i in range(end))}]")
        namespace: dict = {}
        exec(compile("\n".join(lines), "<tape>", "exec"), namespace)    # noqa: S102 - generated, no user text
        return namespace["run"]

    def _cone(self, roots) -> list:
        """The nodes the ``roots`` depend on (themselves included), in tape order."""
        seen, stack = set(), list(roots)
        while stack:
            i = stack.pop()
            if i not in seen:
                seen.add(i)
                stack.extend(self.code[i][2])
        return sorted(seen)

    def _exact_plan(self, target: int):
        """(rational, nodes, poles) for ``exact`` at node ``target``: is its cone all rational
        arithmetic; the nodes to evaluate, in order (the whole cone when rational, else the
        rational cones of the pole denominators); the (node, denominator) pairs of its divisions
        and negative powers."""
        memo = self.__dict__.setdefault("_exact_memo", {})
        if target not in memo:
            cone, rational, poles = self._cone([target]), {}, []
            for i in cone:
                op, data, args = self.code[i]
                rational[i] = op in _EXACT_OPS and all(rational[a] for a in args)
                if op == "div" or (op == "pown" and data < 0):
                    poles.append((i, args[1] if op == "div" else args[0]))
            nodes = cone if rational[target] else self._cone(d for _, d in poles if rational[d])
            memo[target] = (rational[target], nodes, poles)
        return memo[target]

    def exact(self, point, output: int | None = None):
        """Exact rational value of output ``output`` (default: the first) at a rational point;
        ``UNDEFINED`` when a division by an exact zero (or 0 to a negative power) occurs in it;
        None when a non-rational operation occurs or the numbers would grow too large."""
        target = self.outputs[0][0] if output is None else output
        rational, nodes, poles = self._exact_plan(target)
        if not rational and not poles:
            return None
        vals = {}
        for i in nodes:
            op, data, args = self.code[i]
            xs = [vals[a] for a in args]
            v = None if any(x is None for x in xs) else _exact_op(op, data, xs, point)
            if v is UNDEFINED:
                return UNDEFINED
            vals[i] = v
        if any(vals.get(d) == 0 for _, d in poles):
            return UNDEFINED
        return vals.get(target) if rational else None


def _ball_step(entry, vals, box, consts, i):
    """The ball of node i from its program entry (kind, function, a, b) and the balls before it."""
    kind, f, a, b = entry
    if kind in (2, 4):
        x = vals[a]
        if x is None:
            return None
        v = f(x)
    elif kind in (3, 5):
        x, y = vals[a], vals[b]
        if x is None or y is None:
            return None
        v = f(x, y)
    elif kind == 0:
        return box[f]
    else:
        return consts[i]
    return v if (v is not None and v.is_finite()) else None


def _exact_op(op, data, xs, point):
    """One rational operation on exact values: fmpq, ``UNDEFINED`` (division by an exact zero,
    0 to a negative power) or None (the numbers would grow beyond ``EXACT_BITS``)."""
    if op == "var":
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
        v = UNDEFINED if xs[1] == 0 else xs[0] / xs[1]
    elif xs[0] == 0 and data < 0:           # pown
        v = UNDEFINED
    elif abs(data) * (xs[0].p.bit_length() + xs[0].q.bit_length()) > EXACT_BITS:
        v = None
    else:
        v = xs[0] ** data
    if v is not None and v is not UNDEFINED and v.p.bit_length() + v.q.bit_length() > EXACT_BITS:
        v = None
    return v
