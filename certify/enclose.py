"""Lower bounds of an expression on a cell, cheapest first (GUIDE §3), with definedness.

A *cell* is a tuple of exact rational pairs ``(lo, hi)``; ``Cells`` turns it into decorated
intervals, marking an end open where it is an open end of the claim's domain.  Each method
returns an ``Interval`` whose lower end bounds F from below on the cell, or None:

- ``plain``      interval evaluation of F;
- ``monotone``, ``mean-value``, ``taylor2``: the derivative forms (``certify.cell_forms``).

Each runs on one of two evaluators (``certify.evaluators``): arb balls (certain domains only,
cheap) or decorated intervals with exact ends (the reference).

Soundness conditions, checked on every cell (docs/DESIGN.md):
- every method needs F *defined and continuous on the whole cell*: decoration com, or dac on a
  cell that reaches an open or infinite end of the domain (a continuous function on a closed
  bounded cell is bounded, so dac without com happens only there; a lower bound needs no
  upper bound);
- when F is a rewritten form of the claim's slack (``witness``: the slack as written), the
  slack as written must also be dac on the cell;
- the derivative forms evaluate the derivative trees (``certify.expr.diff``) on the cell with
  every end open (the interior: the mean value theorem needs F' only there) and need them
  defined there; F(m) and grad F(m) must be defined at the midpoint.
"""
from __future__ import annotations

import flint
from flint import arb

from . import cell_forms
from .exact import rational_key
from .evaluators import BALLS, DECORATED, ball_box, closed_ends, point_box
from .expr import interval as I
from .expr.diff import gradient, hessian
from .expr.tape import UNDEFINED, tape_of

METHODS = ("plain", "monotone", "mean-value", "taylor2")
# (tape, point, precision) -> F's ball at the point when it has a sign there: a ball needs no
# domain facts, so the refutation sample and the search (which probe the same candidate points
# of the same tape) share it
_SIGNED_AT: dict = {}


class Cells:
    """Exact cells -> decorated intervals; ``opens[i] = (lo, hi)`` are the open domain ends of
    variable i (None where the end is closed)."""

    def __init__(self, opens):
        self.opens = opens

    def interval(self, i, lo, hi, interior=False) -> I.Interval:
        a, b = arb(lo), arb(hi)
        lo_open_dom, hi_open_dom = self.opens[i]
        lo_open = lo != hi and (interior or (lo_open_dom is not None and lo == lo_open_dom))
        hi_open = lo != hi and (interior or (hi_open_dom is not None and hi == hi_open_dom))
        # a non-dyadic end is rounded outward and then closed (openness is only kept when exact)
        lo_iv = (a, lo_open) if a.is_exact() else (a.lower(), False)
        hi_iv = (b, hi_open) if b.is_exact() else (b.upper(), False)
        return I.Interval(lo_iv[0], hi_iv[0], lo_iv[1], hi_iv[1])

    def box(self, cell, interior=False):
        return [self.interval(i, lo, hi, interior) for i, (lo, hi) in enumerate(cell)]

    def inside(self, pt) -> bool:
        """Is the point not on an open end of the domain?"""
        return not any((o[0] is not None and q == o[0]) or (o[1] is not None and q == o[1])
                       for q, o in zip(pt, self.opens))

    def reaches_open(self, cell) -> bool:
        return any((o[0] is not None and lo == o[0]) or (o[1] is not None and hi == o[1])
                   for (lo, hi), o in zip(cell, self.opens))


class Ladder:
    """Compiled F (with gradient and Hessian trees) of one normalized problem ``F > 0``."""

    def __init__(self, F, names, opens, conditions=(), facts=None):
        self.F = F
        self.facts = facts or {}
        self.names = tuple(names)
        self.cells = Cells(opens)
        self.tape0 = tape_of([[F]], self.names)       # F alone; derivatives on first use
        self._full = None
        # side conditions of a rewritten problem: (tree, 'defined' | 'positive' | 'nonnegative' |
        # 'multiplier');
        # the first is the slack as written, whose lower end also gives the certified margin
        self.conditions = tuple(conditions)
        self.side = tape_of([[t for t, _ in self.conditions]], self.names) if self.conditions else None
        self._derivs = {}
        self._last = {}
        self._bare = None
        self._regular = {}
        self._last_ball = (None, 0, None)

    @property
    def tape(self):
        """F, its gradient and Hessian trees on one tape (built when a derivative form first
        needs them: most cells are closed by plain evaluation)."""
        if self._full is None:
            grad = gradient(self.F, self.names)
            hess = hessian(self.F, self.names)
            n = len(self.names)
            upper = [hess[i][j] for i in range(n) for j in range(i, n)]
            self._full = tape_of([[self.F], grad, upper], self.names)
        return self._full

    # -- definedness -------------------------------------------------------------------------
    def _defined(self, dec, cell) -> bool:
        return dec >= I.COM or (dec >= I.DAC and self.cells.reaches_open(cell))

    def side_check(self, cell):
        """(ok, value of the first condition): every side condition holds on the cell (on
        balls when they decide every condition, else decorated)."""
        if self.side is None:
            return True, None
        balls = self.side.balls(ball_box(cell))
        values = [balls[k] for k in self.side.outputs[0]]
        if all(v is not None and _holds(kind, v >= 0, v > 0) for (_, kind), v in zip(self.conditions, values)):
            return True, I.from_arb(values[0])
        vals, decs = self.side.intervals(self.cells.box(cell), facts=self.facts)
        for (tree, kind), k in zip(self.conditions, self.side.outputs[0]):
            v = vals[k]
            if not self._defined(decs[k], cell) or not _holds(kind, v.certainly_nonnegative(),
                                                                v.certainly_positive()):
                return False, None
        return True, vals[self.side.outputs[0][0]]

    def side_value(self, pt):
        """The slack as written (first side condition) at an exact point, if defined there."""
        k = self.side.outputs[0][0]
        b = self.side.balls([arb(q) for q in pt])[k]
        if b is not None:
            return I.from_arb(b)
        vals, decs = self.side.intervals(point_box(pt), facts=self.facts)
        return vals[k] if decs[k] >= I.DEF else None

    # -- values ------------------------------------------------------------------------------
    def plain(self, cell, ev=None):
        """(Interval or None): F on the cell, None unless F is defined and continuous there.
        ``ev``: ``BALLS`` or ``DECORATED`` (``certify.evaluators``); None tries a ball and keeps
        it when it is positive, else decorated.  The last cell's ball is kept (the search asks
        for it again when it splits the cell)."""
        root = self.tape0.outputs[0][0]
        if ev is not DECORATED:
            last = self._last_ball
            if last[0] is cell and last[1] == flint.ctx.prec:
                b = last[2]
            else:
                b = self.tape0.balls(ball_box(cell))[root]
                self._last_ball = (cell, flint.ctx.prec, b)
            if ev is BALLS:
                return None if b is None else I.from_arb(b)
            if b is not None and b > 0:
                return I.from_arb(b)      # decided on the fast path (defined: every domain was certain)
        vals, decs = DECORATED.on_cell(self, self.tape0, cell, 0, False)
        if not self._defined(decs[root], cell):
            return None
        return vals[root]

    def at_point(self, pt, ball=None):
        """(Interval, defined?) of F at an exact point: a ball when it is certainly defined and
        of one sign there; else exact when only rational arithmetic occurs (so a slack of
        exactly 0 is seen as 0); else a ball with the rational parts exact (``point_balls``);
        else decorated.  The Interval is EMPTY when F is certainly undefined there.  ``ball``:
        F's ball at pt at the working precision when the caller has it (``mid_ball``)."""
        root = self.tape0.outputs[0][0]
        if ball is not None and (ball > 0 or ball < 0):
            return I.from_arb(ball), True
        key = (self.tape0, rational_key(pt), flint.ctx.prec)
        hit = _SIGNED_AT.get(key)
        if hit is not None:
            return hit
        b = ball if ball is not None else BALLS.get(BALLS.at_point(self, self.tape0, pt, 0), root)
        if b is not None and (b > 0 or b < 0):
            if len(_SIGNED_AT) > 4096:
                _SIGNED_AT.clear()
            hit = _SIGNED_AT[key] = (I.from_arb(b), True)
            return hit
        q = self.tape0.exact(pt)
        if q is UNDEFINED:
            return I.EMPTY, False
        if q is not None:
            return DECORATED.exact(q), True
        if b is not None:
            return I.from_arb(b), True
        b = self.tape0.point_balls(pt)[root]          # sqrt(2 - (3/2)*b**(-1)) at b = 3/4: sqrt(0)
        if b is not None:
            return I.from_arb(b), True
        vals, decs = DECORATED.at_point(self, self.tape0, pt, 0)
        return vals[root], decs[root] >= I.DEF

    def value_at(self, pt, ev):
        """F at an exact point as a value of ``ev``, None where it is not defined there (for
        balls: not certainly defined); decorated: exact when only rational arithmetic occurs."""
        if ev is BALLS:         # a ball around an exact value is all a ball form can use
            return ev.get(ev.at_point(self, self.tape0, pt, 0), self.tape0.outputs[0][0])
        q = self.tape0.exact(pt)
        if q is UNDEFINED:
            return None
        if q is not None:
            return ev.exact(q)
        return ev.get(ev.at_point(self, self.tape0, pt, 0), self.tape0.outputs[0][0])

    def interior(self, cell, level, ev):
        """Derivative values on the open cell, cached for the cell (monotone, mean-value and
        Taylor forms of one cell share them).  On balls the Hessian is always included: it
        costs little more than the gradient there (28.7 against 25.0 us on phi(b) of
        bench/peers.py), so one evaluation serves all three forms."""
        if ev.fast:
            level = 2
        # keyed by the cell's identity (hashing exact rationals costs more than a ball
        # evaluation); the entry keeps the cell, so the identity cannot be reused meanwhile
        key = (id(cell), level, _prec(), ev.fast)
        hit = self._last.get(key)
        if hit is None or hit[0] is not cell:
            hit = (cell, ev.on_cell(self, self.tape, cell, level, True))
            if len(self._last) > 8:
                self._last.clear()
            self._last[key] = hit
        return hit[1]

    def at_mid(self, cell, ev):
        """(midpoint, F and its gradient there as an ``ev`` result), remembered for the cell: the
        mean-value and Taylor forms of one cell and the search's probe of its midpoint share
        one evaluation."""
        key = _mid_key(cell, ev.fast)
        hit = self._last.get(key)
        if hit is None or hit[0] is not cell:
            mids = cell_forms.midpoint(cell)
            hit = (cell, (mids, ev.at_point(self, self.tape, mids, 1)))
            if len(self._last) > 8:
                self._last.clear()
            self._last[key] = hit
        return hit[1]

    def mid_ball(self, cell):
        """F's ball at the cell's midpoint when ``at_mid`` has computed it for this cell at the
        working precision (None otherwise: nothing is evaluated)."""
        hit = self._last.get(_mid_key(cell, True))
        if hit is None or hit[0] is not cell:
            return None
        return hit[1][1][self.tape.outputs[0][0]]

    def gradient_on(self, cell, ev=DECORATED):
        """The gradient on the open cell (values of ``ev``; None where not defined)."""
        inside = self.interior(cell, 1, ev)
        return [ev.get(inside, k) for k in self.tape.outputs[1]]

    def enclose(self, method, cell, plain=None, ev=DECORATED):
        """The lower-bound Interval of ``method`` on the cell (None when it does not apply),
        evaluated by ``ev`` (``certify.evaluators``, forms in ``certify.cell_forms``)."""
        if method == "plain":
            return self.plain(cell, ev)
        if plain is None:
            plain = self.plain(cell, ev)
        if plain is None:
            return None
        if method == "monotone":
            return cell_forms.monotone(self, cell, ev)
        if method == "mean-value":
            return cell_forms.mean_value(self, cell, self.gradient_on(cell, ev), ev)
        if method == "taylor2":
            return cell_forms.taylor2(self, cell, ev)
        raise ValueError(f"unknown method {method}")

    def regular_at(self, pt) -> bool:
        """Are F and its gradient certainly defined at the exact point pt (arb balls)?  A cell
        whose ball of F is undefined but which touches the box's ends only at such points
        overshoots a domain by its width (acos of a wide ball poking past 1), unlike a singular
        end (sqrt(z) at z = 0, where the gradient's ball is undefined).  Remembered per point."""
        key = (rational_key(pt), flint.ctx.prec)
        hit = self._regular.get(key)
        if hit is None:
            tape = self.tape
            vals = tape.balls([arb(q) for q in pt], 1)
            hit = self._regular[key] = all(vals[k] is not None for k in (tape.outputs[0][0], *tape.outputs[1]))
        return hit

    def closed_defined(self, cell) -> bool:
        """Is F defined and continuous on the *closed* cell (open domain ends included)?  No
        domain facts: they are proved on the domain, and the closure may leave it."""
        if self.plain(cell, BALLS) is not None:      # a ball covers the closed cell: com there
            return True
        box = [I.Interval(*closed_ends(lo, hi)) for lo, hi in cell]
        vals, decs = self.tape0.intervals(box)
        return decs[self.tape0.outputs[0][0]] >= I.DAC

    def defined_up_to(self, cell, index, side) -> bool:
        """Is F defined and continuous on the cell closed at one end of variable ``index``
        (facts only where that closure stays in the domain)?"""
        if self.plain(cell, BALLS) is not None:      # a ball covers the closed cell: com there
            return True
        lo, hi = cell[index]
        o_lo, o_hi = self.cells.opens[index]
        leaves = (o_lo is not None and lo == o_lo) if side == "lo" else (o_hi is not None and hi == o_hi)
        box = self.cells.box(cell)
        end = closed_ends(lo, lo)[0] if side == "lo" else closed_ends(hi, hi)[1]
        iv = box[index]
        box[index] = I.Interval(end, iv.hi, False, iv.hi_open) if side == "lo" else I.Interval(iv.lo, end, iv.lo_open, False)
        vals, decs = self.tape0.intervals(box, facts=None if leaves else self.facts)
        return decs[self.tape0.outputs[0][0]] >= I.DAC

    @property
    def bare(self) -> "Ladder":
        """The same F without domain facts (for points and faces outside the domain)."""
        if not self.facts:
            return self
        if self._bare is None:
            self._bare = Ladder(self.F, self.names, self.cells.opens)
        return self._bare

    # -- derivatives in one variable (end rules) --------------------------------------------
    def at_end(self, index: int, side: str, value) -> "Ladder":
        """This F on cells whose end ``value`` of variable ``index`` is open: the Lagrange point
        of an end rule lies strictly inside (end, v), so d^k F is needed only there (and may be
        unbounded at the end: 1/sqrt(1 - x^2) at -1)."""
        key = ("end", index, side)
        if key not in self._derivs:
            opens = list(self.cells.opens)
            lo, hi = opens[index]
            opens[index] = (value, hi) if side == "lo" else (lo, value)
            self._derivs[key] = Ladder(self.F, self.names, opens, facts=self.facts)
        return self._derivs[key]

    def derivative(self, index: int, order: int, sign: int = 1) -> "Ladder":
        """The ladder of ``sign * d^order F / dv_index^order`` (same variables and ends)."""
        from .expr import nodes as N
        from .expr.diff import diff
        key = (index, order, sign)
        if key not in self._derivs:
            d = self.F
            for _ in range(order):
                d = diff(d, self.names[index])
            self._derivs[key] = Ladder(d if sign == 1 else N.neg(d), self.names, self.cells.opens, facts=self.facts)
        return self._derivs[key]


def _mid_key(cell, fast: bool):
    """``Ladder._last``'s key of a cell's midpoint values (level -1: ``interior`` uses 1 and 2)."""
    return (id(cell), -1, _prec(), fast)


def _prec() -> int:
    import flint
    return flint.ctx.prec


def _holds(kind, nonnegative: bool, positive: bool) -> bool:
    """Does a side condition of this kind hold, given the certain sign facts of its value?"""
    if kind in ("positive", "multiplier"):
        return positive
    return nonnegative if kind == "nonnegative" else True


def best_lower(a, b):
    """Of two valid lower-bound Intervals (or None), the one with the larger lower end."""
    if b is None or b.lo is None:
        return a
    if a is None or a.lo is None:
        return b
    return a if a.lo >= b.lo else b


def lower_positive(v, strict: bool) -> bool:
    if v is None:
        return False
    return v.certainly_positive() if strict else v.certainly_nonnegative()


def lower_end(v) -> arb | None:
    """The lower end of a value (None for -oo or no value)."""
    return None if v is None or v is I.EMPTY else v.lo

