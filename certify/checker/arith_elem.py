"""The elementary functions of the checker's interval arithmetic (see ``arith``): sqrt, the
rational and real powers, exp and log, the trigonometric and hyperbolic families, their
inverses, sinc, and each op's known range.

Each function returns (result, the arg lies in the domain), like the ops of ``arith``.
"""
from __future__ import annotations

import flint
from flint import arb, fmpq

from .arith import (
    ONE, ZERO, Iv, _INF, _WHOLE, _NONNEG, _POSITIVE, _abs, _decreasing, _has, _increasing,
    _greatest, _hi_of, _least, _lo_of, _mk, _mul, _narrow, _on, _pown, _recip, bounded,
    from_ball,
)

_UNIT = Iv(-ONE, ONE)                               # [-1, 1]
_OPEN_UNIT = Iv(-ONE, ONE, True, True)              # (-1, 1)
_FROM_ONE = Iv(ONE, None)                           # [1, oo)
SINC_LOW = arb(fmpq(-445, 2048))    # exact, -0.21728..., below min sin(x)/x = -0.2172336...


# -- powers, exp and log --------------------------------------------------------------------------

def _rpow(x: Iv, pq):
    """x**(p/q) for x >= 0 (x > 0 when p < 0): increasing when p > 0, decreasing when p < 0.
    Three enclosures are met: the ball formulas (v**p)**(1/q) and (v**(1/q))**p at the ends,
    and pown(p) of the interval x**(1/q) (its ends rounded between the two steps)."""
    p, q = pq

    def image(s: Iv, f) -> Iv:
        if p > 0:
            return _increasing(s, lambda v: ZERO if v == 0 else f(v))
        # s is inside (0, oo): an (open) end 0 gives +oo, the end +oo gives 0 (open)
        return _decreasing(s, lambda v: arb.pos_inf() if v == 0 else f(v), at_pos=(ZERO, True))

    def root(v):
        return v.sqrt() if q == 2 else v.root(q)

    def all_three(s: Iv) -> Iv:
        r = _narrow(image(s, lambda v: (v ** p).root(q)), image(s, lambda v: root(v) ** p))
        return _narrow(r, _pown(_increasing(s, lambda v: ZERO if v == 0 else root(v)), p)[0])
    return _on(x, _NONNEG if p > 0 else _POSITIVE, all_three)


def _exp(x: Iv) -> Iv:
    return _increasing(x, lambda v: v.exp(), at_neg=(ZERO, True))


def _log(x: Iv) -> Iv:
    """log on a part of (0, oo); an (open) end 0 gives -oo."""
    return _mk(_INF if x.lo == 0 else _lo_of(x.lo.log(), x.lo_open),
               _INF if x.hi is None else _hi_of(x.hi.log(), x.hi_open))


def _pow(x: Iv, y: Iv):
    """x**y = exp(y log x), for x > 0."""
    return _on(x, _POSITIVE, lambda s: _exp(_mul(y, _log(s))))


# -- trigonometric --------------------------------------------------------------------------------

def _bits(v: arb) -> int:
    """A bound on log2 |v| (>= 0) for an exact arb v."""
    m, e = v.man_exp()
    return max(0, int(e) + int(abs(m)).bit_length()) if m != 0 else 0


def _misses(x: Iv, offset: fmpq, step: int) -> bool:
    """Proved: the bounded x holds no point pi * (offset + step * k), k an integer.

    Such a point lies in x iff [t(x.lo), t(x.hi)] holds an integer, t(v) = (v / pi - offset) / step;
    it is proved absent when both t values lie in one open gap (k, k + 1).  The working precision
    grows with |x| so that large arguments are decided too (only tightness depends on it)."""
    extra = min(max(_bits(x.lo), _bits(x.hi)), 4096) + 20
    with flint.ctx.workprec(flint.ctx.prec + extra):
        pi, c = arb.pi(), arb(offset)
        a = ((x.lo / pi - c) / step).lower()
        b = ((x.hi / pi - c) / step).upper()
        if not (a.is_finite() and b.is_finite()):
            return False
        k = a.floor()
        return bool(a > k and b < k + 1)


def _sin_or_cos(x: Iv, f, top: fmpq, bottom: fmpq):
    """sin or cos: 2 pi periodic, value 1 exactly at pi * (top + 2k), -1 exactly at
    pi * (bottom + 2k), no other interior extrema.  The range over x is spanned by the values
    at the ends and the extreme values whose points x may hold."""
    if not bounded(x):
        return _UNIT, True
    at_lo, at_hi = f(x.lo), f(x.hi)
    los = [_lo_of(at_lo, x.lo_open), _lo_of(at_hi, x.hi_open)]
    his = [_hi_of(at_lo, x.lo_open), _hi_of(at_hi, x.hi_open)]
    if not _misses(x, bottom, 2):
        los.append((-ONE, False))
    if not _misses(x, top, 2):
        his.append((ONE, False))
    return _mk(_least(los), _greatest(his)), True


def _sin(x: Iv):
    return _sin_or_cos(x, lambda v: v.sin(), fmpq(1, 2), fmpq(-1, 2))


def _cos(x: Iv):
    return _sin_or_cos(x, lambda v: v.cos(), fmpq(0), fmpq(1))


def _tan(x: Iv):
    """tan is increasing between its poles pi * (1/2 + k); an x that may hold one is TRV."""
    if not bounded(x) or not _misses(x, fmpq(1, 2), 1):
        return _WHOLE, False
    return _increasing(x, lambda v: v.tan()), True


# -- inverse and hyperbolic functions, sinc -------------------------------------------------------

def _atanh(s: Iv) -> Iv:
    """atanh on a part of (-1, 1); an (open) end -1 or 1 gives -oo or +oo."""
    return _mk(_INF if s.lo == -1 else _lo_of(s.lo.atanh(), s.lo_open),
               _INF if s.hi == 1 else _hi_of(s.hi.atanh(), s.hi_open))


def _sinc(x: Iv):
    """sin(x)/x, sinc(0) = 1: arb's sinc of the ball around a bounded x, and, when 0 is not
    in x, also sin(x) * (1/x); the range [SINC_LOW, 1] is added by ``range_fact``."""
    r = _WHOLE
    if bounded(x):
        r = from_ball((x.lo if x.lo == x.hi else x.lo.union(x.hi)).sinc())
    if not _has(x, ZERO):
        r = _narrow(_mul(_sin(x)[0], _recip(x)), r)
    return r, True


def _inc(f, at_neg=_INF, at_pos=_INF):
    """A strictly increasing function defined everywhere."""
    return lambda x: (_increasing(x, f, at_neg, at_pos), True)


def _inc_on(domain: Iv, f):
    """A strictly increasing function on a closed domain."""
    return lambda x: _on(x, domain, lambda s: _increasing(s, f))


def _atan_limits():
    half = arb.pi() / 2
    return (-half).lower(), half.upper()


def _atan(x: Iv):
    lo, hi = _atan_limits()             # the limits at -oo / +oo, rounded outward (closed)
    return _increasing(x, lambda v: v.atan(), (lo, False), (hi, False)), True


OPS = {
    "sqrt": (1, False, _inc_on(_NONNEG, lambda v: v.sqrt())),
    "rpow": (1, True, _rpow), "pow": (2, False, _pow),
    "exp": (1, False, lambda x: (_exp(x), True)),
    "log": (1, False, lambda x: _on(x, _POSITIVE, _log)),
    "sin": (1, False, _sin), "cos": (1, False, _cos), "tan": (1, False, _tan),
    "asin": (1, False, _inc_on(_UNIT, lambda v: v.asin())),
    "acos": (1, False, lambda x: _on(x, _UNIT, lambda s: _decreasing(s, lambda v: v.acos()))),
    "atan": (1, False, _atan),
    "sinh": (1, False, _inc(lambda v: v.sinh())),
    "cosh": (1, False, lambda x: (_increasing(_abs(x), lambda v: v.cosh()), True)),
    "tanh": (1, False, _inc(lambda v: v.tanh(), (-ONE, True), (ONE, True))),
    "asinh": (1, False, _inc(lambda v: v.asinh())),
    "acosh": (1, False, _inc_on(_FROM_ONE, lambda v: v.acosh())),
    "atanh": (1, False, lambda x: _on(x, _OPEN_UNIT, _atanh)),
    "sinc": (1, False, _sinc),
}


def range_fact(op: str, data=None):
    """A closed-form set holding every value of op (None: nothing known beyond the result)."""
    if op in ("sin", "cos"):
        return _UNIT
    if op in ("exp", "pow"):
        return _POSITIVE
    if op in ("sqrt", "abs", "acosh", "rpow") or (op == "pown" and data % 2 == 0):
        return _NONNEG
    if op == "cosh":
        return _FROM_ONE
    if op == "tanh":
        return _OPEN_UNIT
    if op == "sinc":
        return Iv(SINC_LOW, ONE)
    if op in ("asin", "atan"):
        return Iv(*_atan_limits())
    if op == "acos":
        return Iv(ZERO, arb.pi().upper())
    return None
