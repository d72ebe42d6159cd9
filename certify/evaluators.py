"""The two ways a ``Ladder`` (``certify.enclose``) evaluates a tape on a cell or at a point.

- ``DECORATED``: decorated interval evaluation with exact endpoints (``Tape.intervals``, IEEE 1788
  §8), domain facts applied.  The reference: sign facts at exact ends (x**2 >= 0 on [-1, 1]),
  open ends and proved ranges are kept.
- ``BALLS``: arb balls (``Tape.balls``), no facts.  An output is present only when every partial
  operation of its cone is *certainly* inside its domain on the ball, so a present output is
  defined, continuous and bounded on the closed cell (decoration com), and the cell's ball
  contains the cell (open ends included).  About ten times cheaper; its enclosures are at
  least as wide where the endpoints matter.

Both return ``(values, decorations)`` indexable by tape position; the ball path fills only the
output positions of the requested levels (an absent output is ENTIRE with decoration TRV).  The
search tries a cell with ``BALLS`` first and with ``DECORATED`` only when that fails
(``certify.search.decide_cell``): a ball decision is sound on its own, and a cell the
decorated path decides is still decided.
"""
from __future__ import annotations

from flint import arb

from .expr import interval as I


def cell_ball(lo, hi) -> arb:
    """The smallest arb ball around the exact pair [lo, hi]."""
    a, b = arb(lo), arb(hi)
    return a if lo == hi else a.union(b)


def point_box(pt):
    return [I.point(arb(q)) for q in pt]


class Decorated:
    fast = False

    def on_cell(self, ladder, tape, cell, level, interior):
        return tape.intervals(ladder.cells.box(cell, interior), level, facts=ladder.facts)

    def at_point(self, ladder, tape, pt, level):
        return tape.intervals(point_box(pt), level, facts=ladder.facts)


class Balls:
    fast = True

    def on_cell(self, ladder, tape, cell, level, interior):
        return _outputs(tape, tape.balls([cell_ball(lo, hi) for lo, hi in cell], level), level)

    def at_point(self, ladder, tape, pt, level):
        return _outputs(tape, tape.balls([arb(q) for q in pt], level), level)


def _outputs(tape, balls, level):
    vals, decs = {}, {}
    for outs in tape.outputs[:level + 1]:
        for k in outs:
            b = balls[k]
            if b is None:
                vals[k], decs[k] = I.ENTIRE, I.TRV
            else:
                vals[k], decs[k] = I.from_arb(b), I.COM
    return vals, decs


DECORATED, BALLS = Decorated(), Balls()
