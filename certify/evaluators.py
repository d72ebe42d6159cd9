"""The two ways a ``Ladder`` (``certify.enclose``) evaluates a tape on a cell or at a point, each
with the small algebra the derivative forms (``certify.cell_forms``) are written in.

- ``DECORATED``: decorated interval evaluation with exact endpoints (``Tape.intervals``, IEEE 1788
  §8), domain facts applied; values are ``Interval``.  The reference: sign facts at exact ends
  (x**2 >= 0 on [-1, 1]), open ends and proved ranges are kept.
- ``BALLS``: arb balls (``Tape.balls``), no facts; values are ``arb``.  An output is present only
  when every partial operation of its cone is *certainly* inside its domain on the ball, so a
  present output is defined, continuous and bounded on the closed cell (decoration com), and
  the cell's ball contains the cell (open ends included).  About ten times cheaper; wider where
  exact ends or wide cells matter (a product of two balls around 0).

``on_cell`` / ``at_point`` return a result that ``get(result, k)`` reads: the value of tape
position k when it is defined there (decoration at least def), else None.  ``lift`` turns a
value into an ``Interval``.  The search tries a cell with ``BALLS`` first and with ``DECORATED``
after (``certify.search.decide_cell``): a ball decision is sound on its own.
"""
from __future__ import annotations

import flint
from flint import arb

from .expr import interval as I
from .expr.ball_ops import ball_pown


def cell_ball(lo, hi) -> arb:
    """The smallest arb ball around the exact pair [lo, hi]."""
    a, b = arb(lo), arb(hi)
    return a if lo == hi else a.union(b)


_LAST_BOX: list = [None, 0, None]


def ball_box(cell) -> list:
    """The balls of a cell's variables at the working precision; the last cell's are kept (the
    plain value and the derivative forms of one cell ask for them several times; the entry
    holds the cell, so its identity is not reused meanwhile)."""
    prec = flint.ctx.prec
    if _LAST_BOX[0] is not cell or _LAST_BOX[1] != prec:
        _LAST_BOX[:] = cell, prec, [cell_ball(lo, hi) for lo, hi in cell]
    return _LAST_BOX[2]


def point_box(pt):
    return [I.point(arb(q)) for q in pt]


def closed_ends(lo, hi):
    """Exact arb ends around the exact pair [lo, hi] (rounded outward where not exact)."""
    a, b = arb(lo), arb(hi)
    return (a if a.is_exact() else a.lower()), (b if b.is_exact() else b.upper())


class Decorated:
    fast = False
    half = I.point(arb(1) / 2)

    def on_cell(self, ladder, tape, cell, level, interior):
        return tape.intervals(ladder.cells.box(cell, interior), level, facts=ladder.facts)

    def at_point(self, ladder, tape, pt, level):
        return tape.intervals(point_box(pt), level, facts=ladder.facts)

    @staticmethod
    def get(result, k):
        vals, decs = result
        return vals[k] if decs[k] >= I.DEF else None

    exact = staticmethod(I.point)

    @staticmethod
    def lift(v):
        return v

    @staticmethod
    def add(a, b):
        return I.add(a, b)[0]

    @staticmethod
    def mul(a, b):
        return I.mul(a, b)[0]

    @staticmethod
    def times_square(h, d):
        """h * d**2."""
        return I.mul(h, I.pown(d, 2)[0])[0]

    @staticmethod
    def delta(lo, hi, m):
        return I.Interval(*closed_ends(lo - m, hi - m))

    @staticmethod
    def nonnegative(v) -> bool:
        return v.certainly_nonnegative()

    @staticmethod
    def nonpositive(v) -> bool:
        return v.certainly_nonpositive()


class Balls:
    fast = True
    half = arb(1) / 2

    def on_cell(self, ladder, tape, cell, level, interior):
        return tape.balls(ball_box(cell), level)

    def at_point(self, ladder, tape, pt, level):
        return tape.balls([arb(q) for q in pt], level)

    @staticmethod
    def get(result, k):
        return result[k]

    exact = staticmethod(arb)
    lift = staticmethod(I.from_arb)

    @staticmethod
    def add(a, b):
        return a + b

    @staticmethod
    def mul(a, b):
        return a * b

    @staticmethod
    def times_square(h, d):
        """h * d**2 from the ends of h (a ball product would lose the sign of d**2 >= 0:
        [1, 3] * [0, r^2] as balls reaches -r^2)."""
        top = ball_pown(d, 2).upper()
        lo, hi = h.lower(), h.upper()
        return arb(lo * top if lo < 0 else 0).union(arb(hi * top if hi > 0 else 0))

    @staticmethod
    def delta(lo, hi, m):
        return cell_ball(lo - m, hi - m)

    @staticmethod
    def nonnegative(v) -> bool:
        return bool(v >= 0)

    @staticmethod
    def nonpositive(v) -> bool:
        return bool(v <= 0)


DECORATED, BALLS = Decorated(), Balls()
