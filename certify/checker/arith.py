"""The checker's decorated interval arithmetic (IEEE 1788-2015, set-based flavour).

An ``Iv`` is a set of reals {x : lo <(=) x <(=) hi}.  ``lo`` / ``hi`` are *exact* arb numbers
(radius 0) or ``None`` for -oo / +oo.  ``lo_open`` says that the finite lower end is not in the
set (likewise ``hi_open``); it is False at an infinite end.  ``EMPTY`` is the one empty set.

``apply(op, args, data)`` returns ``(r, dec)``: ``r`` contains f(x) for every x in the args
(componentwise) that lies in the natural domain of f, and ``dec`` is the local decoration:
TRV when some point of the args may lie outside the domain (or an arg is empty), else DAC
(every operation here is continuous on its domain, and an interval inside its domain never
jumps a discontinuity), raised to COM when every arg and the result are bounded.

How the ends are computed, so that each step can be checked by eye:

* Only exact arb values (input ends, or ``lower()`` / ``upper()`` of a ball) become ends; an
  arb ball that is not finite makes the end infinite.  Nothing non-finite is given to arb.
* An end copied from an input end through a strictly monotone f keeps the input's openness
  only when arb computed f there *exactly* (then f(end) is that number and, f being injective,
  it is attained iff the input end was); a rounded end is closed.  Closed is always sound.
* An end chosen among candidates (products, extrema) is open only if *every* candidate with
  that value is open (the hull of sets).
* The op's known range (sin in [-1, 1], exp > 0, ...) is intersected into the result.
Precision is ``flint.ctx.prec`` at call time.  This module has the interval type and the
rational operations (+ - * / pown abs min max); ``arith_elem`` the elementary functions.
"""
from __future__ import annotations

import flint
from flint import arb, fmpq

TRV, DEF, DAC, COM = 0, 1, 2, 3
ZERO, ONE = arb(0), arb(1)
_INF = (None, False)                 # an infinite end candidate (its side is the context's)


class Iv:
    __slots__ = ("lo", "hi", "lo_open", "hi_open")

    def __init__(self, lo, hi, lo_open=False, hi_open=False):
        for end in (lo, hi):
            if end is not None and not (type(end) is arb and end.is_exact() and end.is_finite()):
                raise ValueError(f"an Iv end must be an exact finite arb or None, not {end!r}")
        lo_open = bool(lo_open) and lo is not None
        hi_open = bool(hi_open) and hi is not None
        if lo is not None and hi is not None and (lo > hi or (lo == hi and (lo_open or hi_open))):
            raise ValueError("an empty or inverted Iv (use EMPTY)")
        _SET_LO(self, lo)
        _SET_HI(self, hi)
        _SET_LO_OPEN(self, lo_open)
        _SET_HI_OPEN(self, hi_open)

    def __setattr__(self, name, value):
        raise AttributeError("Iv is immutable")

    def is_empty(self) -> bool:
        return self is EMPTY

    def _key(self):
        return (self.lo is None, self.lo, self.lo_open, self.hi is None, self.hi, self.hi_open)

    def __eq__(self, other):
        if not isinstance(other, Iv):
            return NotImplemented
        if self is EMPTY or other is EMPTY:
            return self is other
        return self._key() == other._key()

    def __hash__(self):
        return 0 if self is EMPTY else hash(self._key())

    def __repr__(self):
        if self is EMPTY:
            return "Iv(empty)"
        def show(e):
            return e.str(17, radius=False)
        left = "(-oo" if self.lo is None else ("(" if self.lo_open else "[") + show(self.lo)
        right = "+oo)" if self.hi is None else show(self.hi) + (")" if self.hi_open else "]")
        return f"Iv{left}, {right}"


_SET_LO, _SET_HI = Iv.lo.__set__, Iv.hi.__set__
_SET_LO_OPEN, _SET_HI_OPEN = Iv.lo_open.__set__, Iv.hi_open.__set__

EMPTY = object.__new__(Iv)           # lo > hi, so that no naive comparison finds a point in it
for _name, _value in (("lo", ONE), ("hi", ZERO), ("lo_open", True), ("hi_open", True)):
    object.__setattr__(EMPTY, _name, _value)

_WHOLE = Iv(None, None)
_POSITIVE = Iv(ZERO, None, lo_open=True)            # (0, oo)
_NONNEG = Iv(ZERO, None)                            # [0, oo)


# -- construction and predicates ------------------------------------------------------------------

def _lo_of(ball: arb, open_: bool):
    """The lower end of an enclosure of a value v that is in the set iff not ``open_``: the
    exact value itself (keeping the openness), else the rounded-down bound (closed)."""
    if not ball.is_finite():
        return _INF
    return (ball, open_) if ball.is_exact() else (ball.lower(), False)


def _hi_of(ball: arb, open_: bool):
    if not ball.is_finite():
        return _INF
    return (ball, open_) if ball.is_exact() else (ball.upper(), False)


def _mk(lo, hi) -> Iv:
    """The Iv from a lower and an upper end candidate (value, open)."""
    return Iv(lo[0], hi[0], lo[1], hi[1])


def cell(lo, hi, lo_open=False, hi_open=False) -> Iv:
    """The reals between the rationals lo <= hi; an end that is no exact arb at the current
    precision is rounded outward and closed.  lo == hi with an open end is EMPTY."""
    lo, hi = fmpq(lo), fmpq(hi)
    if lo > hi:
        raise ValueError(f"cell with lo {lo} > hi {hi}")
    if lo == hi and (lo_open or hi_open):
        return EMPTY
    return _mk(_lo_of(arb(lo), lo_open), _hi_of(arb(hi), hi_open))


def point(q) -> Iv:
    return cell(q, q)


def from_ball(b: arb) -> Iv:
    """[b.lower(), b.upper()] (closed); the whole line for a ball that is not finite."""
    if not b.is_finite():
        return _WHOLE
    return Iv(b, b) if b.is_exact() else Iv(b.lower(), b.upper())


def constant(name: str) -> Iv:
    """pi or e: a ball computed with 32 extra bits, its ends rounded outward to the precision."""
    if name not in ("pi", "e"):
        raise ValueError(f"unknown constant {name!r}")
    with flint.ctx.workprec(flint.ctx.prec + 32):
        b = arb.pi() if name == "pi" else ONE.exp()
    return from_ball(b)


def bounded(v: Iv) -> bool:
    return v is not EMPTY and v.lo is not None and v.hi is not None


def positive(v: Iv) -> bool:
    return v is not EMPTY and v.lo is not None and (v.lo > 0 or (v.lo == 0 and v.lo_open))


def nonnegative(v: Iv) -> bool:
    return v is not EMPTY and v.lo is not None and v.lo >= 0


def negative(v: Iv) -> bool:
    return v is not EMPTY and v.hi is not None and (v.hi < 0 or (v.hi == 0 and v.hi_open))


def nonpositive(v: Iv) -> bool:
    return v is not EMPTY and v.hi is not None and v.hi <= 0


def _has(v: Iv, c: arb) -> bool:
    """c (an exact arb) is a point of v."""
    return v is not EMPTY and (v.lo is None or v.lo < c or (v.lo == c and not v.lo_open)) \
        and (v.hi is None or v.hi > c or (v.hi == c and not v.hi_open))


def _least(cands):
    """The lowest of lower-end candidates (value None = -oo); open iff every candidate with
    that value is open.  No candidate at all: -oo (the weakest)."""
    if not cands or any(v is None for v, _ in cands):
        return _INF
    low = min(v for v, _ in cands)
    return low, all(o for v, o in cands if v == low)


def _greatest(cands):
    """The highest of upper-end candidates (value None = +oo), open as in ``_least``."""
    if not cands or any(v is None for v, _ in cands):
        return _INF
    high = max(v for v, _ in cands)
    return high, all(o for v, o in cands if v == high)


def meet(v: Iv, w: Iv) -> Iv:
    """v intersected with w."""
    if v is EMPTY or w is EMPTY:
        return EMPTY
    ends = []
    for (a, ao), (b, bo), later in (((v.lo, v.lo_open), (w.lo, w.lo_open), lambda s, t: s > t),
                                    ((v.hi, v.hi_open), (w.hi, w.hi_open), lambda s, t: s < t)):
        if a is None or b is None:          # an infinite end constrains nothing
            ends.append((b, bo) if a is None else (a, ao))
        elif a == b:                        # the same end: in both sets only if closed in both
            ends.append((a, ao or bo))
        else:
            ends.append((a, ao) if later(a, b) else (b, bo))
    (lo, lo_open), (hi, hi_open) = ends
    if lo is not None and hi is not None and (lo > hi or (lo == hi and (lo_open or hi_open))):
        return EMPTY
    return Iv(lo, hi, lo_open, hi_open)


def _hull(v: Iv, w: Iv) -> Iv:
    """The smallest Iv containing v and w."""
    if v is EMPTY or w is EMPTY:
        return w if v is EMPTY else v
    return _mk(_least([(v.lo, v.lo_open), (w.lo, w.lo_open)]),
               _greatest([(v.hi, v.hi_open), (w.hi, w.hi_open)]))


def _narrow(r: Iv, fact: Iv) -> Iv:
    """r intersected with another enclosure (or a known range) of the same values; two sound
    enclosures of a nonempty set always meet, so an empty meet keeps r (never happens)."""
    both = meet(r, fact)
    return r if both is EMPTY else both


def _on(x: Iv, domain: Iv, image):
    """(image of the part of x in the domain, x lies in the domain)."""
    part = meet(x, domain)
    return (EMPTY if part is EMPTY else image(part)), part == x


def _increasing(x: Iv, f, at_neg=_INF, at_pos=_INF) -> Iv:
    """Image of x under a strictly increasing f; at_neg / at_pos: the end candidates of the
    limits at -oo / +oo (when x reaches them)."""
    return _mk(at_neg if x.lo is None else _lo_of(f(x.lo), x.lo_open),
               at_pos if x.hi is None else _hi_of(f(x.hi), x.hi_open))


def _decreasing(x: Iv, f, at_neg=_INF, at_pos=_INF) -> Iv:
    """Image of x under a strictly decreasing f (at_neg / at_pos as in ``_increasing``)."""
    return _mk(at_pos if x.hi is None else _lo_of(f(x.hi), x.hi_open),
               at_neg if x.lo is None else _hi_of(f(x.lo), x.lo_open))


# -- arithmetic (each returns (result, the args lie in the domain)) -------------------------------

def _minus(v: arb) -> arb:
    """-v exactly (arb's plain negation rounds an end with more bits than the precision)."""
    return v.neg(exact=True)


def _neg(x: Iv) -> Iv:
    if x is EMPTY:
        return EMPTY
    return Iv(None if x.hi is None else _minus(x.hi), None if x.lo is None else _minus(x.lo),
              x.hi_open, x.lo_open)


def _add(x: Iv, y: Iv) -> Iv:
    lo = _INF if x.lo is None or y.lo is None else _lo_of(x.lo + y.lo, x.lo_open or y.lo_open)
    hi = _INF if x.hi is None or y.hi is None else _hi_of(x.hi + y.hi, x.hi_open or y.hi_open)
    return _mk(lo, hi)


def _ends(v: Iv):
    """v's ends as (value, open, sign); an infinite end has the sign of its side."""
    def sign(e, side):
        return side if e is None else (e > 0) - (e < 0)
    return ((v.lo, v.lo_open, sign(v.lo, -1)), (v.hi, v.hi_open, sign(v.hi, 1)))


def _mul(x: Iv, y: Iv) -> Iv:
    """The hull of the products of the ends.  An end 0 gives 0 even against an infinite end
    (0 * [1, oo) = {0}); 0 is in the product set iff 0 is in x or in y.  A nonzero extreme of
    xy is only reached at a corner, so it is attained iff some corner giving it is."""
    zero = (ZERO, not (_has(x, ZERO) or _has(y, ZERO)))
    los, his = [], []
    for a, a_open, sa in _ends(x):
        for b, b_open, sb in _ends(y):
            if sa == 0 or sb == 0:
                los.append(zero)
                his.append(zero)
            elif a is None or b is None:                # +-oo times a nonzero end
                (los if sa * sb < 0 else his).append(_INF)
            else:
                p = a * b
                los.append(_lo_of(p, a_open or b_open))
                his.append(_hi_of(p, a_open or b_open))
    return _mk(_least(los), _greatest(his))


def _recip_positive(p: Iv) -> Iv:
    """{1/v : v in p} for p inside (0, oo)."""
    if p is EMPTY:
        return EMPTY
    lo = (ZERO, True) if p.hi is None else _lo_of(ONE / p.hi, p.hi_open)
    hi = _INF if p.lo == 0 else _hi_of(ONE / p.lo, p.lo_open)      # p.lo == 0 is open here
    return _mk(lo, hi)


def _recip(y: Iv) -> Iv:
    """The hull of {1/v : v in y, v != 0} (EMPTY for y = {0})."""
    return _hull(_recip_positive(meet(y, _POSITIVE)),
                 _neg(_recip_positive(meet(_neg(y), _POSITIVE))))


def _div(x: Iv, y: Iv):
    r = _recip(y)
    if r is not EMPTY and all(v.lo is not None and v.lo == v.hi for v in (x, y)):
        v = x.lo / y.lo                          # one rounding, not two: x/x is exactly 1
        return _mk(_lo_of(v, False), _hi_of(v, False)), True
    return (EMPTY if r is EMPTY else _mul(x, r)), not _has(y, ZERO)


def _abs(x: Iv) -> Iv:
    if nonnegative(x):
        return x
    if nonpositive(x):
        return _neg(x)
    return _mk((ZERO, False), _greatest([(None if x.lo is None else _minus(x.lo), x.lo_open),
                                         (x.hi, x.hi_open)]))


def _pown(x: Iv, n: int):
    if n == 0:
        return Iv(ONE, ONE), True
    if n < 0:
        return _recip(_pown(x, -n)[0]), not _has(x, ZERO)
    if n % 2 == 0:
        x = _abs(x)                 # x**n = |x|**n, increasing on [0, oo)
    return _increasing(x, lambda v: v ** n), True


def _min(x: Iv, y: Iv) -> Iv:
    """min(a, b): inf = the lower of the lower ends (attained if either is);
    sup = the lower of the upper ends, attained iff every upper end with that value is."""
    if x.hi is None or y.hi is None:
        hi = (y.hi, y.hi_open) if x.hi is None else (x.hi, x.hi_open)
    elif x.hi == y.hi:
        hi = (x.hi, x.hi_open or y.hi_open)
    else:
        hi = (x.hi, x.hi_open) if x.hi < y.hi else (y.hi, y.hi_open)
    return _mk(_least([(x.lo, x.lo_open), (y.lo, y.lo_open)]), hi)


def _max(x: Iv, y: Iv) -> Iv:
    return _neg(_min(_neg(x), _neg(y)))


def _total(f):
    """An operation defined everywhere."""
    return lambda *a: (f(*a), True)


_CORE = {   # name: (number of args, takes data, function -> (result, inside the domain))
    "neg": (1, False, _total(_neg)), "add": (2, False, _total(_add)),
    "sub": (2, False, _total(lambda x, y: _add(x, _neg(y)))), "mul": (2, False, _total(_mul)),
    "div": (2, False, _div), "pown": (1, True, _pown),
    "abs": (1, False, _total(_abs)), "min": (2, False, _total(_min)),
    "max": (2, False, _total(_max)),
}


def _check_data(op, data):
    if op == "pown":
        if not isinstance(data, int) or isinstance(data, bool):
            raise ValueError(f"pown needs an integer exponent, not {data!r}")
    elif op == "rpow":
        ok = isinstance(data, tuple) and len(data) == 2 and all(
            isinstance(d, int) and not isinstance(d, bool) for d in data)
        if not ok or data[1] < 2 or fmpq(*data).q != data[1]:
            raise ValueError(f"rpow needs (p, q) with q >= 2 in lowest terms, not {data!r}")


def apply(op: str, args: tuple, data=None):
    """(enclosure of the range of op over the args' points in its domain, local decoration)."""
    spec = _CORE.get(op) or _elem.OPS.get(op)
    if spec is None:
        raise ValueError(f"unknown operation {op!r}")
    arity, takes_data, fn = spec
    if len(args) != arity or not all(isinstance(a, Iv) for a in args):
        raise ValueError(f"{op} takes {arity} Iv argument(s), got {args!r}")
    if takes_data:
        _check_data(op, data)
    elif data is not None:
        raise ValueError(f"{op} takes no data, got {data!r}")
    if any(a is EMPTY for a in args):
        return EMPTY, TRV
    r, inside = fn(*args, data) if takes_data else fn(*args)
    fact = _elem.range_fact(op, data)
    if fact is not None and r is not EMPTY:
        r = _narrow(r, fact)
    if r is EMPTY:
        return EMPTY, TRV
    if not inside:
        return r, TRV
    return r, COM if all(bounded(a) for a in args) and bounded(r) else DAC


from . import arith_elem as _elem  # noqa: E402  (built on the helpers above)
