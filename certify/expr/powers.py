"""Powers, roots, exp and log of decorated intervals (``certify.expr.interval``, whose
conventions they follow: exact endpoints, outward rounding, ``(Interval, Dec)`` results)."""
from __future__ import annotations

from flint import arb

from .interval import (
    COM, DAC, EMPTY, ONE, POS, TRV, ZERO, Interval, _dec, _down, _increasing, _max_end, _restrict, _up,
    mul, neg, recip,
)


def _ipow(v: arb, n: int) -> arb:
    result, base = ONE, v
    while n:
        if n & 1:
            result = result * base
        n >>= 1
        if n:
            base = base * base
    return result


def pown(x: Interval, n: int):
    """x**n for an integer n (x**0 = 1 everywhere, IEEE 1788 pown)."""
    if x is EMPTY:
        return EMPTY, TRV
    if n == 0:
        return Interval(ONE, ONE), COM if x.bounded else DAC
    if n < 0:
        p, d = pown(x, -n)
        r, dr = recip(p)
        return r, min(d, dr)
    f = lambda v: _ipow(v, n)      # noqa: E731
    if n % 2 == 1:
        return _increasing(x, f)
    if x.certainly_nonnegative():
        return _increasing(x, f, hi_inf=(None, True))
    if x.certainly_nonpositive():
        r, d = _increasing(neg(x)[0], f)
        return r, d
    # 0 inside: the minimum 0 is attained at 0
    hi = _max_end([(POS, True) if x.lo is None else _up(f(x.lo), x.lo_open),
                   (POS, True) if x.hi is None else _up(f(x.hi), x.hi_open)])
    r = Interval(ZERO, hi[0], False, hi[1])
    return r, _dec(x, True, r)


def _on_domain(x: Interval, f, lo, lo_open, hi=None, hi_open=False):
    """A strictly increasing f on its domain [lo, hi] (openness as given), applied to x."""
    part, inside = _restrict(x, lo, lo_open, hi, hi_open)
    r, _ = _increasing(part, f) if part is not EMPTY else (EMPTY, TRV)
    return r, _dec(x, inside, r)


def sqrt(x: Interval):
    return _on_domain(x, lambda v: v.sqrt(), ZERO, False)


def root(x: Interval, q: int):
    """The real q-th root on x >= 0 (q >= 2)."""
    return _on_domain(x, lambda v: v if v == 0 else v.root(q), ZERO, False)


def rpow(x: Interval, p: int, q: int):
    """x**(p/q), q >= 2, p/q in lowest terms: defined for x >= 0 (x > 0 when p < 0)."""
    if p < 0:
        part, inside = _restrict(x, ZERO, True)
    else:
        part, inside = _restrict(x, ZERO, False)
    if part is EMPTY:
        return EMPTY, TRV
    base, _ = sqrt(part) if q == 2 else root(part, q)
    r, d = pown(base, p)
    return r, min(d, _dec(x, inside, r))


def exp(x: Interval):
    return _increasing(x, lambda v: v.exp(), lo_inf=(ZERO, True))


def log(x: Interval):
    part, inside = _restrict(x, ZERO, True)
    if part is EMPTY:
        return EMPTY, TRV
    lo = (None, True) if part.lo == 0 else _down(part.lo.log(), part.lo_open)
    hi = (None, True) if part.hi is None else _up(part.hi.log(), part.hi_open)
    r = Interval(lo[0], hi[0], lo[1], hi[1])
    return r, _dec(x, inside, r)


def pow_(x: Interval, y: Interval):
    """x**y for a real exponent: exp(y log x), defined for x > 0."""
    lx, d1 = log(x)
    if lx is EMPTY:
        return EMPTY, TRV
    m, d2 = mul(y, lx)
    r, d3 = exp(m)
    d = min(d1, d2, d3)
    return r, COM if d >= DAC and x.bounded and y.bounded and r.bounded else min(d, DAC)
