"""Replay of a proof tree: every leaf decided again by the method it names, nothing searched.

A *problem* is ``G > 0`` (or ``>= 0``) on a bounded searched domain, where G is either the slack
F as written or a rewritten form with side conditions (F defined; each dropped factor positive
or nonnegative; each multiplier positive), all required on every leaf.  On a leaf (a cell of
exact rationals) the checker requires G and every condition *defined and continuous on the
cell* (decoration dac or better; an end of the cell is open where it is an open end of the
domain) and then the named method:

- ``plain``       the decorated interval of G on the cell;
- ``monotone``    a variable whose partial derivative (on the open cell) has a certain sign is
                  fixed at the end where G is smallest; fixing it at an open end of the domain
                  needs G continuous on the closed cell;
- ``mean-value``  G(m) + sum_i dG/dv_i(open cell) (v_i - m_i), G defined at the midpoint m;
- ``taylor2``     G(m) + grad G(m).(v - m) + 1/2 (v - m)^T H(open cell) (v - m);
- ``end-order-k:M``  at the end v = e of an end rule, G and its first k-1 derivatives in v
                  vanish identically (sympy, once per rule) and are continuous on the cell
                  closed at e, and M proves sign((v-e)^k) d^k G/dv^k > 0 (>= 0) on the
                  cell open at e (where the Lagrange point xi lies), so
                  G = (v-e)^k/k! d^k G(xi) has the claimed sign away from e (Taylor with
                  Lagrange remainder); a strict claim needs e to be an open end of the domain.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import flint
from flint import arb, fmpq

from . import arith as A
from . import terms as T
from .deriv import diff
from .evaluate import UNDEFINED, exact, value, values
from .reader import read_rational
from .terms import CheckError

METHODS = ("plain", "monotone", "mean-value", "taylor2")
MAX_PREC = 4096


@dataclass(frozen=True)
class EndRule:
    index: int
    side: str          # 'lo' | 'hi'
    value: fmpq
    order: int


@dataclass
class Problem:
    names: tuple
    G: T.Term
    domain: object                      # reader.Domain, bounded
    strict: bool
    conditions: list = field(default_factory=list)   # (term, kind); first: (F, 'defined')
    facts: dict = field(default_factory=dict)
    rules: list = field(default_factory=list)
    slack: T.Term | None = None         # F as written (the margin's expression); G when None

    def __post_init__(self):
        self._derivs: dict = {}
        if self.slack is None:
            self.slack = self.G

    # -- cells -------------------------------------------------------------------------------
    def box(self, cell, interior=False, closed_at=None):
        out = {}
        for i, ((lo, hi), r) in enumerate(zip(cell, self.domain.ranges)):
            lo_open = lo != hi and (interior or (r.lo_open and lo == r.lo))
            hi_open = lo != hi and (interior or (r.hi_open and hi == r.hi))
            if closed_at is not None and closed_at[0] == i:
                lo_open, hi_open = (False, hi_open) if closed_at[1] == "lo" else (lo_open, False)
            out[self.names[i]] = A.cell(lo, hi, lo_open, hi_open)
        return out

    def point_box(self, pt):
        return {n: A.point(q) for n, q in zip(self.names, pt)}

    def derivative(self, term, index):
        key = (id(term), index)
        if key not in self._derivs:
            self._derivs[key] = diff(term, self.names[index])
        return self._derivs[key]

    # -- the pieces of the methods ------------------------------------------------------------
    def defined_on(self, term, box, inside=True) -> A.Iv | None:
        """term on the box when defined and continuous there; domain facts are used only when
        the box lies in the domain (``inside``)."""
        v, dec = value(term, box, self.facts if inside else None)
        return v if dec >= A.DAC else None

    def leaves_domain(self, cell, index, side) -> bool:
        """Does closing the cell at this end add a point outside the domain (an open end)?"""
        r, (lo, hi) = self.domain.ranges[index], cell[index]
        return (r.lo_open and lo == r.lo) if side == "lo" else (r.hi_open and hi == r.hi)

    def sides_hold(self, cell):
        """(ok, value of F on the cell): every side condition holds on the cell."""
        if not self.conditions:
            return True, None
        got = values([t for t, _ in self.conditions], self.box(cell), self.facts)
        for (t, kind), (v, dec) in zip(self.conditions, got):
            if dec < A.DAC:
                return False, None
            if kind in ("positive", "multiplier") and not A.positive(v):
                return False, None
            if kind == "nonnegative" and not A.nonnegative(v):
                return False, None
        return True, got[0][0]

    def at_point(self, term, pt):
        """term at an exact point: an Iv, or None when it is not certainly defined there."""
        q = exact(term, dict(zip(self.names, pt)))
        if q is UNDEFINED:
            return None
        if q is not None:
            return A.point(q)
        v, dec = value(term, self.point_box(pt), self.facts if self.domain.contains(pt) else None,
                       point=dict(zip(self.names, pt)))
        return v if dec >= A.DEF else None

    def gradient(self, term, cell, only=None, inside=True):
        box = self.box(cell, interior=True)
        idx = [i for i in range(len(self.names)) if only is None or i in only]
        got = values([self.derivative(term, i) for i in idx], box, self.facts if inside else None)
        out = [None] * len(self.names)
        for i, (v, dec) in zip(idx, got):
            out[i] = v if dec >= A.DEF else None
        return out

    # -- methods --------------------------------------------------------------------------------
    def enclose(self, method, term, cell):
        plain = self.defined_on(term, self.box(cell))
        if method == "plain" or plain is None:
            return plain
        if method == "monotone":
            return self._monotone(term, cell)
        if method == "mean-value":
            return self._mean_value(term, cell, self.gradient(term, cell))
        if method == "taylor2":
            return self._taylor2(term, cell)
        raise CheckError(f"unknown method {method!r}")

    def _mean_value(self, term, cell, grads, free=None):
        free = range(len(cell)) if free is None else free
        mids = [(lo + hi) / 2 for lo, hi in cell]
        acc = self.at_point(term, mids)
        for i in free:
            if acc is None or grads[i] is None:
                return None
            delta = A.cell(cell[i][0] - mids[i], cell[i][1] - mids[i])
            acc = _add(acc, _mul(grads[i], delta))
        return acc

    def _monotone(self, term, cell):
        grads = self.gradient(term, cell)
        face, fixed, outside = list(cell), False, False
        for i, g in enumerate(grads):
            if g is None:
                continue
            lo, hi = cell[i]
            up, down = A.nonnegative(g), A.nonpositive(g)
            side = "lo" if up else "hi"
            if (up or down) and self.leaves_domain(cell, i, side):
                if self.defined_on(term, self.box(cell, closed_at=(i, side)), inside=False) is None:
                    continue
                outside = True
            if up:
                face[i], fixed = (lo, lo), True
            elif down:
                face[i], fixed = (hi, hi), True
        if not fixed:
            return None
        free = [i for i, (lo, hi) in enumerate(face) if lo != hi]
        if not free:
            return self.at_point(term, [lo for lo, _ in face])
        face = tuple(face)
        plain = self.defined_on(term, self.box(face), inside=not outside)
        if plain is None:
            return None
        mvf = self._mean_value(term, face, self.gradient(term, face, free, inside=not outside), free)
        if mvf is None or mvf.lo is None or (plain.lo is not None and plain.lo >= mvf.lo):
            return plain
        return mvf

    def _taylor2(self, term, cell):
        n = len(cell)
        mids = [(lo + hi) / 2 for lo, hi in cell]
        acc = self.at_point(term, mids)
        if acc is None:
            return None
        deltas = [A.cell(lo - m, hi - m) for (lo, hi), m in zip(cell, mids)]
        firsts = [self.derivative(term, i) for i in range(n)]
        for i, d in enumerate(firsts):
            g = self.at_point(d, mids)
            if g is None:
                return None
            acc = _add(acc, _mul(g, deltas[i]))
        box = self.box(cell, interior=True)
        pairs = [(i, j) for i in range(n) for j in range(i, n)]
        got = values([self.derivative(firsts[i], j) for i, j in pairs], box, self.facts)
        for (i, j), (h, dec) in zip(pairs, got):
            if dec < A.DEF:
                return None
            if i == j:
                term_ij = _mul(A.point(fmpq(1, 2)), _mul(h, A.apply("pown", (deltas[i],), 2)[0]))
            else:
                term_ij = _mul(h, _mul(deltas[i], deltas[j]))
            acc = _add(acc, term_ij)
        return acc

    # -- one leaf -------------------------------------------------------------------------------
    def decide(self, method, cell):
        """The lower-bound Iv of the slack on the cell that the leaf proves (None when unknown);
        raises CheckError when the leaf does not replay."""
        ok, slack = self.sides_hold(cell)
        if not ok:
            raise CheckError(f"a side condition fails on the leaf {_show(cell)}")
        if method.startswith("end-order-"):
            self._end_leaf(method, cell)
            return slack
        got = self.enclose(method, self.G, cell)
        if not _signed(got, self.strict):
            raise CheckError(f"the leaf {_show(cell)} is not decided by {method}")
        return got if not self.conditions else slack

    def _end_leaf(self, method, cell):
        order_text, _, how = method[len("end-order-"):].partition(":")
        if how not in METHODS or not order_text.isdigit():
            raise CheckError(f"malformed end-rule method {method!r}")
        order = int(order_text)
        touching = [r for r in self.rules if r.order == order
                    and cell[r.index][0 if r.side == "lo" else 1] == r.value]
        if not touching:
            raise CheckError(f"an end-rule leaf {_show(cell)} away from its rule's end")
        rule = touching[0]
        if self.defined_on(self.G, self.box(cell)) is None:
            raise CheckError(f"the form is not defined on the end-rule leaf {_show(cell)}")
        d = self.G
        closed = self.box(cell, closed_at=(rule.index, rule.side))
        inside = not self.leaves_domain(cell, rule.index, rule.side)
        for _ in range(order):
            if self.defined_on(d, closed, inside) is None:
                raise CheckError(f"a vanishing derivative is not continuous up to the end on {_show(cell)}")
            d = self.derivative(d, rule.index)
        if rule.side == "hi" and order % 2:
            d = T.neg(d)
        if not _signed(self._open_at(rule).enclose(how, d, cell), self.strict):
            raise CheckError(f"the end-rule leaf {_show(cell)} is not decided by {how}")


    def _open_at(self, rule) -> "Problem":
        """This problem with the rule's end open: the Lagrange point xi lies strictly between
        the end and v, so d^k G is needed there only (it may be unbounded at the end)."""
        from dataclasses import replace
        from .reader import Domain
        ranges = list(self.domain.ranges)
        r = ranges[rule.index]
        ranges[rule.index] = replace(r, lo_open=True) if rule.side == "lo" else replace(r, hi_open=True)
        return replace(self, domain=Domain(self.domain.names, tuple(ranges)))


def _add(a, b):
    return A.apply("add", (a, b))[0]


def _mul(a, b):
    return A.apply("mul", (a, b))[0]


def _signed(v, strict) -> bool:
    return v is not None and (A.positive(v) if strict else A.nonnegative(v))


def _show(cell):
    return "[" + ", ".join(f"[{lo}, {hi}]" for lo, hi in cell) + "]"


def replay(problem: Problem, node, cell, lows: list) -> int:
    """Replay the proof tree ``node`` on ``cell``; appends each ``Leaf`` to ``lows``; returns
    the number of leaves."""
    if not isinstance(node, dict):
        raise CheckError("a malformed proof tree")
    if "split" in node:
        i, at = node.get("split"), read_rational(node.get("at"))
        if not isinstance(i, int) or not 0 <= i < len(cell):
            raise CheckError("a split of a variable that does not exist")
        lo, hi = cell[i]
        if not lo < at < hi:
            raise CheckError("a split point outside its cell")
        kids = node.get("children")
        if not isinstance(kids, list) or len(kids) != 2:
            raise CheckError("a split without two children")
        left, right = list(cell), list(cell)
        left[i], right[i] = (lo, at), (at, hi)
        return replay(problem, kids[0], tuple(left), lows) + replay(problem, kids[1], tuple(right), lows)
    method, prec = node.get("leaf"), node.get("prec")
    if not isinstance(method, str) or not isinstance(prec, int) or not 2 <= prec <= MAX_PREC:
        raise CheckError("a malformed leaf")
    lows.append(Leaf(method, cell, prec, leaf_lower(problem, method, cell, prec)))
    return 1


@dataclass
class Leaf:
    """A replayed leaf and the lower bound of the slack it proved (an arb, or None)."""
    method: str
    cell: tuple
    prec: int
    low: object


def with_prec(prec, fn, *args):
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        return fn(*args)
    finally:
        flint.ctx.prec = old


def leaf_lower(problem: Problem, method, cell, prec):
    low = with_prec(prec, problem.decide, method, cell)
    return None if low is None or low.lo is None else arb(low.lo)
