"""Extended, decorated intervals with exact arb endpoints (IEEE 1788-2015, set-based flavor).

An ``Interval`` is a set of reals ``{x : lo <(=) x <(=) hi}``: ``lo`` and ``hi`` are *exact*
arb values (radius 0), or ``None`` for -oo / +oo (an infinite end is always open).  The flags
``lo_open`` / ``hi_open`` say that the end is not attained; a flag is only ever set when it is
known (an end computed with rounding is closed, which is the weaker statement).  Open ends are
what lets ``log`` be *defined* on the cell (0, 1/256] and ``1/x`` give [256, +oo) there.

Why endpoints and not arb's mid-radius balls: a ball's radius is rounded up to 30 bits, so the
hull of [0, 1] as a ball already has the lower end -9.3e-10; sign facts at ends (x**2 >= 0,
acos(x) in [0, pi], sqrt's domain) would be lost at every node.

Every operation returns ``(Interval, Dec)``: the enclosure of the range of the operation over
the points of its input that lie in its natural domain (IEEE 1788 §10), and its *local*
decoration (§8): ``COM`` the input is bounded, inside the domain and the result is bounded;
``DAC`` inside the domain (every operation here is continuous on its domain); ``TRV``
otherwise.  An evaluator takes the minimum with the decorations of the inputs.  Empty inputs
give ``EMPTY`` with ``TRV``.  Arithmetic runs at ``flint.ctx.prec`` and is rounded outward.
"""
from __future__ import annotations

from enum import IntEnum

from flint import arb


class Dec(IntEnum):
    TRV = 1
    DEF = 2
    DAC = 3
    COM = 4


TRV, DEF, DAC, COM = Dec.TRV, Dec.DEF, Dec.DAC, Dec.COM
ZERO, ONE = arb(0), arb(1)


class Interval:
    __slots__ = ("lo", "hi", "lo_open", "hi_open")

    def __init__(self, lo, hi, lo_open=False, hi_open=False):
        self.lo, self.hi = lo, hi
        self.lo_open = lo_open or lo is None
        self.hi_open = hi_open or hi is None

    @property
    def empty(self) -> bool:
        return self is EMPTY

    @property
    def bounded(self) -> bool:
        return self.lo is not None and self.hi is not None

    def __repr__(self):
        if self is EMPTY:
            return "[empty]"
        lo = "-oo" if self.lo is None else self.lo.str(20, radius=False)
        hi = "oo" if self.hi is None else self.hi.str(20, radius=False)
        return f"{'(' if self.lo_open else '['}{lo}, {hi}{')' if self.hi_open else ']'}"

    # -- certain comparisons (three-valued logic collapses to "certainly") ---------------------
    def certainly_positive(self) -> bool:
        return self is not EMPTY and self.lo is not None and (self.lo > 0 or (self.lo_open and self.lo >= 0))

    def certainly_nonnegative(self) -> bool:
        return self is not EMPTY and self.lo is not None and self.lo >= 0

    def certainly_negative(self) -> bool:
        return self is not EMPTY and self.hi is not None and (self.hi < 0 or (self.hi_open and self.hi <= 0))

    def certainly_nonpositive(self) -> bool:
        return self is not EMPTY and self.hi is not None and self.hi <= 0

    def contains_zero(self) -> bool:
        return not (self.certainly_positive() or self.certainly_negative())

    def to_arb(self) -> arb:
        """The smallest arb ball containing the interval (entire ball when unbounded)."""
        if self is EMPTY:
            return arb.nan()
        if not self.bounded:
            return arb(0, arb.pos_inf())
        return self.lo if self.lo == self.hi else self.lo.union(self.hi)

    def midpoint(self) -> arb:
        return (self.lo + self.hi) / 2


EMPTY = Interval(ONE, ZERO)
ENTIRE = Interval(None, None)


# -- construction --------------------------------------------------------------------------------

def point(q) -> Interval:
    """The tightest closed interval around an exact number (int, fmpq, or an exact arb)."""
    return from_arb(q if isinstance(q, arb) else arb(q))


def from_arb(x: arb) -> Interval:
    """The closed interval [x.lower(), x.upper()] of a ball (ENTIRE for NaN or infinite balls)."""
    if not x.is_finite():
        return ENTIRE
    if x.is_exact():
        return Interval(x, x)
    return Interval(x.lower(), x.upper())


def narrow(value: Interval, fact) -> Interval:
    """``value`` intersected with a proved range ``fact = (lo, lo_open, hi, hi_open)`` (None for
    an infinite end); a sound fact never empties a sound value (then value is kept)."""
    lo, lo_open, hi, hi_open = fact
    part, _ = _restrict(value, lo, lo_open, hi, hi_open)
    return value if part is EMPTY else part


def hull(lo: Interval, hi: Interval) -> Interval:
    """[lo.lo, hi.hi] with the openness of those ends (the cell spanned by two points)."""
    return Interval(lo.lo, hi.hi, lo.lo_open, hi.hi_open)


# -- endpoint helpers ----------------------------------------------------------------------------
# An endpoint candidate is (value, open): value an exact arb or None for an infinity.

def _down(x: arb, open_: bool):
    """Lower end of a computed ball: exact values keep their openness, rounded ones are closed."""
    if x.is_exact():
        return x, open_
    if not x.is_finite():
        return None, True
    return x.lower(), False


def _up(x: arb, open_: bool):
    if x.is_exact():
        return x, open_
    if not x.is_finite():
        return None, True
    return x.upper(), False


NEG, POS = "-oo", "+oo"      # infinite candidates in _min_end / _max_end


def _min_end(cands):
    """Smallest (value, open) candidate; a value may be NEG / POS.  The result is open only if
    every minimiser is open; (None, True) stands for -oo."""
    if any(v is NEG for v, _ in cands):
        return None, True
    best, best_open = None, True
    for value, open_ in cands:
        if value is POS:
            continue
        if best is None or value < best:
            best, best_open = value, open_
        elif value == best:
            best_open = best_open and open_
    return best, best_open


def _max_end(cands):
    """Largest (value, open) candidate; (None, True) stands for +oo."""
    if any(v is POS for v, _ in cands):
        return None, True
    best, best_open = None, True
    for value, open_ in cands:
        if value is NEG:
            continue
        if best is None or value > best:
            best, best_open = value, open_
        elif value == best:
            best_open = best_open and open_
    return best, best_open


def _lo_cand(x: "Interval"):
    return (NEG if x.lo is None else x.lo), x.lo_open


def _hi_cand(x: "Interval"):
    return (POS if x.hi is None else x.hi), x.hi_open


def _dec(x: Interval, inside: bool, result: Interval) -> Dec:
    if not inside or result is EMPTY:
        return TRV
    return COM if x.bounded and result.bounded else DAC


def _increasing(x: Interval, f, lo_inf=None, hi_inf=None, inside=True) -> tuple[Interval, Dec]:
    """Image of x under a strictly increasing f; lo_inf / hi_inf are the (value, open) limits at
    -oo / +oo (value None for an infinite limit)."""
    if x is EMPTY:
        return EMPTY, TRV
    lo = (lo_inf if lo_inf is not None else (None, True)) if x.lo is None else _down(f(x.lo), x.lo_open)
    hi = (hi_inf if hi_inf is not None else (None, True)) if x.hi is None else _up(f(x.hi), x.hi_open)
    r = Interval(lo[0], hi[0], lo[1], hi[1])
    return r, _dec(x, inside, r)


def _restrict(x: Interval, lo, lo_open, hi=None, hi_open=False) -> tuple[Interval, bool]:
    """x intersected with the domain [lo, hi] (None = unbounded, openness as given);
    returns (part, x was inside the domain)."""
    if x is EMPTY:
        return EMPTY, False
    inside = True
    new_lo, new_lo_open = x.lo, x.lo_open
    if lo is not None:
        if x.lo is None or x.lo < lo or (x.lo == lo and lo_open and not x.lo_open):
            inside = False
            new_lo, new_lo_open = lo, lo_open
    new_hi, new_hi_open = x.hi, x.hi_open
    if hi is not None:
        if x.hi is None or x.hi > hi or (x.hi == hi and hi_open and not x.hi_open):
            inside = False
            new_hi, new_hi_open = hi, hi_open
    if new_lo is not None and new_hi is not None and (
            new_lo > new_hi or (new_lo == new_hi and (new_lo_open or new_hi_open))):
        return EMPTY, False
    return Interval(new_lo, new_hi, new_lo_open, new_hi_open), inside


# -- arithmetic ----------------------------------------------------------------------------------

def neg(x: Interval):
    if x is EMPTY:
        return EMPTY, TRV
    r = Interval(None if x.hi is None else -x.hi, None if x.lo is None else -x.lo, x.hi_open, x.lo_open)
    return r, _dec(x, True, r)


def add(x: Interval, y: Interval):
    if x is EMPTY or y is EMPTY:
        return EMPTY, TRV
    lo = (None, True) if x.lo is None or y.lo is None else _down(x.lo + y.lo, x.lo_open or y.lo_open)
    hi = (None, True) if x.hi is None or y.hi is None else _up(x.hi + y.hi, x.hi_open or y.hi_open)
    r = Interval(lo[0], hi[0], lo[1], hi[1])
    return r, COM if x.bounded and y.bounded else DAC


def sub(x: Interval, y: Interval):
    return add(x, neg(y)[0])


def _sign(v, is_lo: bool) -> int:
    if v is None:
        return -1 if is_lo else 1
    return (v > 0) - (v < 0)


def _product(a, a_open, sa, b, b_open, sb, want_lo):
    """One endpoint product (a, b exact values or None for an infinity of sign sa / sb) with its
    openness; 0 * oo counts as 0 (IEEE 1788), attained when the zero end is closed."""
    if sa == 0 or sb == 0:
        attained = (sa == 0 and not a_open) or (sb == 0 and not b_open)
        return ZERO, not attained
    if a is None or b is None:
        return (POS if sa * sb > 0 else NEG), True
    p = a * b
    return _down(p, a_open or b_open) if want_lo else _up(p, a_open or b_open)


def mul(x: Interval, y: Interval):
    if x is EMPTY or y is EMPTY:
        return EMPTY, TRV
    if not (x.lo_open or x.hi_open or y.lo_open or y.hi_open):
        return _mul_closed(x.lo, x.hi, y.lo, y.hi), COM
    if x.lo is not None and x.hi is not None and y.lo is not None and y.hi is not None:
        return _mul_bounded(x, y), COM
    lows, highs = [], []
    for a, ao, al in ((x.lo, x.lo_open, True), (x.hi, x.hi_open, False)):
        for b, bo, bl in ((y.lo, y.lo_open, True), (y.hi, y.hi_open, False)):
            sa, sb = _sign(a, al), _sign(b, bl)
            lows.append(_product(a, ao, sa, b, bo, sb, True))
            highs.append(_product(a, ao, sa, b, bo, sb, False))
    lo, hi = _min_end(lows), _max_end(highs)
    r = Interval(lo[0], hi[0], lo[1], hi[1])
    return r, COM if x.bounded and y.bounded else DAC


def _extreme_ends(xl, xh, yl, yh):
    """(pairs for the lower end, pairs for the upper end): the end products (0 = lo, 1 = hi of
    x, then of y) that can be the extremes, from the end signs (the classical nine cases; only
    0 inside both intervals needs two candidates per end)."""
    if xl >= ZERO:
        if yl >= ZERO:
            return ((0, 0),), ((1, 1),)
        if yh <= ZERO:
            return ((1, 0),), ((0, 1),)
        return ((1, 0),), ((1, 1),)
    if xh <= ZERO:
        if yl >= ZERO:
            return ((0, 1),), ((1, 0),)
        if yh <= ZERO:
            return ((1, 1),), ((0, 0),)
        return ((0, 1),), ((0, 0),)
    if yl >= ZERO:
        return ((0, 1),), ((1, 1),)
    if yh <= ZERO:
        return ((1, 0),), ((0, 0),)
    return ((0, 1), (1, 0)), ((0, 0), (1, 1))


def _mul_closed(xl, xh, yl, yh) -> Interval:
    """[xl, xh] * [yl, yh] for closed bounded intervals."""
    xs, ys = (xl, xh), (yl, yh)
    lows, highs = _extreme_ends(xl, xh, yl, yh)
    (i, j), (k, m) = lows[0], highs[0]
    lo, hi = (xs[i] * ys[j]).lower(), (xs[k] * ys[m]).upper()
    if len(lows) > 1:
        (i, j), (k, m) = lows[1], highs[1]
        lo, hi = lo.min((xs[i] * ys[j]).lower()), hi.max((xs[k] * ys[m]).upper())
    return Interval(lo, hi)


def _mul_bounded(x: Interval, y: Interval) -> Interval:
    """``mul`` for bounded x, y with some open end: the extreme end products (exact ones keep
    their openness, rounded ones are closed; a zero end gives 0, open unless a zero end is
    closed); each result end is open only if every candidate attaining it is.  A candidate
    left out by the sign cases is never an extreme, and where it ties one (a zero or a point
    interval) the chosen candidate shares the zero end or the point, so its openness agrees."""
    xs, ys = ((x.lo, x.lo_open), (x.hi, x.hi_open)), ((y.lo, y.lo_open), (y.hi, y.hi_open))
    lows, highs = _extreme_ends(x.lo, x.hi, y.lo, y.hi)
    lo = hi = None
    for want_lo, pairs in ((True, lows), (False, highs)):
        for i, j in pairs:
            (a, ao), (b, bo) = xs[i], ys[j]
            if a == 0 or b == 0:
                p, op = ZERO, not ((a == 0 and not ao) or (b == 0 and not bo))
            else:
                p = a * b
                if p.is_exact():
                    op = ao or bo
                else:
                    p, op = (p.lower() if want_lo else p.upper()), False
            if want_lo:
                if lo is None or p < lo:
                    lo, lo_open = p, op
                elif p == lo:
                    lo_open = lo_open and op
            elif hi is None or p > hi:
                hi, hi_open = p, op
            elif p == hi:
                hi_open = hi_open and op
    return Interval(lo, hi, lo_open, hi_open)


def recip(y: Interval):
    """1/y; defined only when 0 is not in y."""
    if y is EMPTY:
        return EMPTY, TRV
    if y.certainly_positive() or y.certainly_negative():
        lo = (ZERO, True) if y.hi is None else (
            (None, True) if y.hi == 0 else _down(ONE / y.hi, y.hi_open))
        hi = (ZERO, True) if y.lo is None else (
            (None, True) if y.lo == 0 else _up(ONE / y.lo, y.lo_open))
        r = Interval(lo[0], hi[0], lo[1], hi[1])
        return r, _dec(y, True, r)
    # 0 is in y: the range over y minus {0}
    if y.lo is not None and y.lo == 0 and y.hi is not None and y.hi == 0:
        return EMPTY, TRV
    if y.lo is not None and y.lo == 0:
        lo = (ZERO, True) if y.hi is None else _down(ONE / y.hi, y.hi_open)
        return Interval(lo[0], None, lo[1], True), TRV
    if y.hi is not None and y.hi == 0:
        hi = (ZERO, True) if y.lo is None else _up(ONE / y.lo, y.lo_open)
        return Interval(None, hi[0], True, hi[1]), TRV
    return ENTIRE, TRV


def div(x: Interval, y: Interval):
    r, d = recip(y)
    q, dq = mul(x, r)
    if r is EMPTY:
        return EMPTY, TRV
    if all(v.lo is not None and v.lo == v.hi for v in (x, y)):     # one rounding: x/x is exactly 1
        v = x.lo / y.lo
        q = Interval(_down(v, False)[0], _up(v, False)[0])
    return q, min(d, dq) if d != TRV else TRV


# powers, roots, exp and log live in their own module, then the elementary functions;
# this module is the one to import
from .powers import _ipow, _on_domain, exp, log, pow_, pown, root, rpow, sqrt  # noqa: E402,F401
from .elementary import (  # noqa: E402,F401
    BINARY, SINC_MIN, UNARY, abs_, acos, acosh, asin, asinh, atan, atanh, cos, cosh, max_, min_,
    sin, sinc, sinh, tan, tanh,
)
