"""Elementary functions on decorated intervals (the trigonometric and hyperbolic families,
sinc, min and max), with the same contract as ``certify.expr.interval``: each returns the
enclosure of its range over the part of the input inside its natural domain and its local
IEEE 1788 decoration.  Kept apart from the interval type and its arithmetic for size only;
``interval`` re-exports everything here.
"""
from __future__ import annotations

from flint import arb, fmpq

from .interval import (  # noqa: F401
    Interval, TRV, DAC, COM, ZERO, ONE, EMPTY, ENTIRE, from_arb, _down, _up, _min_end,
    _max_end, _lo_cand, _hi_cand, _dec, _increasing, _restrict, _on_domain, neg, add, sub, mul,
    div, pow_, POS,
)


# -- trigonometric -------------------------------------------------------------------------------

def _contains_point(x: Interval, offset: arb, period: arb) -> bool:
    """Could x contain offset + k * period for an integer k?  (True when unsure.)"""
    if not x.bounded:
        return True
    a, b = (x.lo - offset) / period, (x.hi - offset) / period
    fa, fb = a.floor(), b.floor()
    if not (fa.is_exact() and fb.is_exact()) or a.contains_integer() or b.contains_integer():
        return True
    return fb > fa


def _periodic(x: Interval, f, max_at: arb, min_at: arb, period: arb):
    """Range of a continuous 2pi-periodic f with values in [-1, 1], maxima at max_at + 2k pi and
    minima at min_at + 2k pi (sin, cos)."""
    if x is EMPTY:
        return EMPTY, TRV
    if not x.bounded:
        return Interval(-ONE, ONE), DAC
    ends_lo = [_down(f(x.lo), x.lo_open), _down(f(x.hi), x.hi_open)]
    ends_hi = [_up(f(x.lo), x.lo_open), _up(f(x.hi), x.hi_open)]
    if _contains_point(x, min_at, period):
        ends_lo.append((-ONE, False))
    if _contains_point(x, max_at, period):
        ends_hi.append((ONE, False))
    lo, hi = _min_end(ends_lo), _max_end(ends_hi)
    if lo[0] < -1:
        lo = (-ONE, False)
    if hi[0] > 1:
        hi = (ONE, False)
    return Interval(lo[0], hi[0], lo[1], hi[1]), COM


def sin(x: Interval):
    pi = arb.pi()
    return _periodic(x, lambda v: v.sin(), pi / 2, -pi / 2, 2 * pi)


def cos(x: Interval):
    pi = arb.pi()
    return _periodic(x, lambda v: v.cos(), ZERO, pi, 2 * pi)


def tan(x: Interval):
    if x is EMPTY:
        return EMPTY, TRV
    pi = arb.pi()
    if _contains_point(x, pi / 2, pi):
        return ENTIRE, TRV
    return _increasing(x, lambda v: v.tan())


def asin(x: Interval):
    return _on_domain(x, lambda v: v.asin(), -ONE, False, ONE, False)


def acos(x: Interval):
    part, inside = _restrict(x, -ONE, False, ONE, False)
    if part is EMPTY:
        return EMPTY, TRV
    r, _ = _increasing(neg(part)[0], lambda v: (-v).acos())
    return r, _dec(x, inside, r)


def atan(x: Interval):
    half_pi = arb.pi() / 2
    return _increasing(x, lambda v: v.atan(), lo_inf=((-half_pi).lower(), False),
                       hi_inf=(half_pi.upper(), False))


# -- hyperbolic ----------------------------------------------------------------------------------

def sinh(x: Interval):
    return _increasing(x, lambda v: v.sinh())


def tanh(x: Interval):
    return _increasing(x, lambda v: v.tanh(), lo_inf=(-ONE, True), hi_inf=(ONE, True))


def asinh(x: Interval):
    return _increasing(x, lambda v: v.asinh())


def _even(x: Interval, f, at_zero: arb):
    """Range of an even function increasing on [0, oo) with f(0) = at_zero (cosh, abs)."""
    if x is EMPTY:
        return EMPTY, TRV
    if x.certainly_nonnegative():
        return _increasing(x, f)
    if x.certainly_nonpositive():
        return _increasing(neg(x)[0], f)
    hi = _max_end([(POS, True) if x.lo is None else _up(f(-x.lo), x.lo_open),
                   (POS, True) if x.hi is None else _up(f(x.hi), x.hi_open)])
    r = Interval(at_zero, hi[0], False, hi[1])
    return r, _dec(x, True, r)


def cosh(x: Interval):
    return _even(x, lambda v: v.cosh(), ONE)


def abs_(x: Interval):
    return _even(x, lambda v: v, ZERO)


def acosh(x: Interval):
    return _on_domain(x, lambda v: v.acosh(), ONE, False)


def atanh(x: Interval):
    part, inside = _restrict(x, -ONE, True, ONE, True)
    if part is EMPTY:
        return EMPTY, TRV
    lo = (None, True) if part.lo == -1 else _down(part.lo.atanh(), part.lo_open)
    hi = (None, True) if part.hi == 1 else _up(part.hi.atanh(), part.hi_open)
    r = Interval(lo[0], hi[0], lo[1], hi[1])
    return r, _dec(x, inside, r)


SINC_MIN = arb(fmpq(-57, 256))      # exact, below the min -0.2172336... of sin(x)/x


def sinc(x: Interval):
    """sin(x)/x with sinc(0) = 1: total and continuous; values in [-0.2173, 1]."""
    if x is EMPTY:
        return EMPTY, TRV
    if not x.bounded:
        far = [abs(v) for v in (x.lo, x.hi) if v is not None]
        m = min(far) if far and not x.contains_zero() else None
        if m is not None and m > 1:
            bound = ONE / m
            return Interval((-bound).lower(), bound.upper()), DAC
        return Interval(SINC_MIN, ONE), DAC
    r = from_arb(x.to_arb().sinc())
    lo = r.lo if r.lo > SINC_MIN else SINC_MIN
    hi = r.hi if r.hi < ONE else ONE
    return Interval(lo, hi), COM


def min_(x: Interval, y: Interval):
    if x is EMPTY or y is EMPTY:
        return EMPTY, TRV
    lo = _min_end([_lo_cand(x), _lo_cand(y)])
    his = [c for c in (_hi_cand(x), _hi_cand(y)) if c[0] is not POS]
    hi = _min_end(his) if his else (None, True)
    r = Interval(lo[0], hi[0], lo[1], hi[1])
    return r, COM if x.bounded and y.bounded else DAC


def max_(x: Interval, y: Interval):
    r, d = min_(neg(x)[0], neg(y)[0])
    return neg(r)[0], d


from .interval import exp, log, sqrt  # noqa: E402

UNARY = {
    "neg": neg, "sqrt": sqrt, "exp": exp, "log": log, "sin": sin, "cos": cos, "tan": tan,
    "asin": asin, "acos": acos, "atan": atan, "sinh": sinh, "cosh": cosh, "tanh": tanh,
    "asinh": asinh, "acosh": acosh, "atanh": atanh, "abs": abs_, "sinc": sinc,
}
BINARY = {"add": add, "sub": sub, "mul": mul, "div": div, "pow": pow_, "min": min_, "max": max_}
