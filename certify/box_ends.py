"""The search's work at the ends of the searched box: end rules at degenerate ends (F and its
first derivatives vanish there) and the choices made for cells touching an end where F or its
gradient is singular (``certify.search``)."""
from __future__ import annotations

from dataclasses import dataclass

from flint import fmpq

from .cell_forms import midpoint
from .enclose import METHODS, Ladder, lower_positive
from .evaluators import BALLS, DECORATED


@dataclass
class EndRule:
    """At variable ``index``, end ``side`` ('lo' or 'hi') F and its first ``order``-1
    derivatives in that variable vanish identically, so near the end
    F = t^order / order! * d^order F(xi), t = v - end (Taylor with Lagrange remainder)."""
    index: int
    side: str
    value: object
    order: int


def end_rule_method(ladder: Ladder, rule: EndRule, cell, strict: bool) -> str | None:
    """When the cell touches the rule's end: the ladder method that proves
    sign(t^k) d^k F > 0 (>= 0 for a non-strict claim) on the cell open at that end (where the
    Lagrange point lies), '' if none does, None when the cell does not touch the end."""
    lo, hi = cell[rule.index]
    if (lo if rule.side == "lo" else hi) != rule.value:
        return None
    if ladder.plain(cell) is None:
        return ""
    # Taylor with Lagrange remainder needs F and its first order-1 derivatives continuous up to the end
    if not all(ladder.derivative(rule.index, j).defined_up_to(cell, rule.index, rule.side) for j in range(rule.order)):
        return ""
    sign = -1 if (rule.side == "hi" and rule.order % 2) else 1
    d = ladder.derivative(rule.index, rule.order, sign).at_end(rule.index, rule.side, rule.value)
    for ev in (BALLS, DECORATED):        # balls first (cheap; a ball decides on the closed cell)
        plain = d.plain(cell, ev)
        if plain is None:
            continue
        for method in METHODS:
            if lower_positive(d.enclose(method, cell, plain, ev), strict):
                return method
    return ""


def first_singular(ladder: Ladder, cell, ends):
    """The first (index, end) of ``ends`` where F or its gradient is not certainly defined (at
    the end, the other variables at the cell's midpoint; ``Ladder.regular_at``), or None."""
    if not ends:
        return None
    mids = midpoint(cell)
    for i, v in ends:
        if not ladder.regular_at([v if j == i else m for j, m in enumerate(mids)]):
            return i, v
    return None


def singular_side(ladder: Ladder, cell, ends):
    """(index, end) of a singular end a 1-D cell touches (``first_singular``) when F's ball is
    undefined on the cell, else None.  Such a cell is cut close to that end: the large part
    leaves the singularity and is decided on balls, the small end part by F's decorated value
    or monotone form, instead of one bisection per halving of the distance to the end (a
    choice of work: g1 = sqrt(2z)(2z - 3)e^-z > -1.381 on [0, 20] met 8 end cells).  Not
    used with end rules (x e^-x <= e^-1 on [1, oo), compactified: the cut cells' Taylor
    remainders at the degenerate end then never decide, and the depth budget runs out), nor
    below depth ``END_CUT_DEPTH``: where the end is never decided (the inverse route of
    x e^-x < e^-1 on [0, oo)) bisection spends the depth budget in 60 cells, while cuts of
    1/16 leave it and the cell budget goes on the cut-off parts (0.6 -> 9 s)."""
    if len(cell) != 1 or not ends or ladder.plain(cell, BALLS) is not None:
        return None          # in 2-D the large part's ball may stay undefined along the face
    return first_singular(ladder, cell, ends)


END_CUT = fmpq(1, 16)
END_CUT_DEPTH = 6
