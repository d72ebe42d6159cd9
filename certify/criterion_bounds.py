"""The monotone bounds of the criterion (``certify.criterion``): tau from the sign pieces of f'
(``tau_right`` on [0, pi], ``tau_left`` on [-pi, 0]), R_M = 4 (1 + tau/M) f'(0) / (tau I) from
enclosures of tau, I and f'(0) (R decreases in tau and I, increases in f'(0)), and the
intersection of two such bounds."""
from __future__ import annotations

from fractions import Fraction

from flint import arb

from .criterion_m import inverse_m
from .roots import NEG, POS, ROOT, Isolation, sign


def tau_right(iso: Isolation):
    """(tau_lo_t, tau_hi_t, root_piece or None) from an isolation of f' on [0, 1]."""
    ps = iso.pieces
    k = len(ps)
    while k > 0 and ps[k - 1].kind == NEG:
        k -= 1
    hi_t = ps[k].lo if k < len(ps) else Fraction(1)
    if k > 0 and ps[k - 1].kind == ROOT and ps[k - 1].slope < 0:
        # f' > 0 at the piece's left end, one simple zero inside, f' < 0 after it up to pi
        root = ps[k - 1]
        return root.lo, root.hi, root
    if k == len(ps) and ps[-1].kind == POS:
        return Fraction(1), Fraction(1), None       # f'(pi) > 0: only tau = pi is admissible
    lo_t = Fraction(0)
    for p in ps[:k]:
        if p.kind == POS:
            lo_t = p.hi
    return lo_t, hi_t, None


def tau_left(iso: Isolation):
    """The same on [-1, 0] for f' < 0 on [-pi, -tau): returns (lo_t, hi_t) for tau/pi."""
    ps = iso.pieces
    k = 0
    while k < len(ps) and ps[k].kind == NEG:
        k += 1
    hi_t = -ps[k - 1].hi if k > 0 else Fraction(1)
    if k == 0 and ps[0].kind == POS:
        return Fraction(1), Fraction(1)
    lo_t = Fraction(0)
    for p in reversed(ps[k:]):
        if p.kind == POS:
            lo_t = -p.lo
    if k < len(ps) and ps[k].kind == ROOT and ps[k].slope > 0:
        lo_t = -ps[k].hi
    return lo_t, hi_t


def ratio(tau_lo: arb, tau_hi: arb, I: arb, fp0: arb, key: str):
    """(lo, hi) bounds of R_key from the enclosures, None for an infinite bound."""
    c = inverse_m(key)
    if not (I.is_finite() and fp0.is_finite()):
        return (None, None)
    if sign(fp0) < 0:
        # for every tau in (0, pi]: tau I >= 0 > 4 (1 + tau/M) f'(0) (I >= 0 as the integral
        # of a nonnegative function): the criterion fails whatever tau is
        return (None, arb(0))
    if not (sign(fp0) > 0 and sign(I) > 0 and sign(tau_hi) > 0):
        return (None, None)
    rlo = (4 * fp0.lower() * (1 / tau_hi.upper() + c) / I.upper()).lower()
    rhi = None
    if sign(tau_lo) > 0:
        rhi = (4 * fp0.upper() * (1 / tau_lo.lower() + c) / I.lower()).upper()
    return (rlo, rhi)


def tighten(a, b):
    """Intersect two (lo, hi) bound pairs (None = infinite; a non-finite bound counts as None)."""
    a = tuple(v if v is None or v.is_finite() else None for v in a)
    b = tuple(v if v is None or v.is_finite() else None for v in b)
    lo = a[0] if b[0] is None else (b[0] if a[0] is None else (a[0] if a[0] >= b[0] else b[0]))
    hi = a[1] if b[1] is None else (b[1] if a[1] is None else (a[1] if a[1] <= b[1] else b[1]))
    return (lo, hi)
