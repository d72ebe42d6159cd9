"""Exact decimal printing of enclosures (``certify.criterion``): a printed bound is a rigorous
lower or upper bound of the ball, rounded outward (GUIDE section 2: str(ball) hides width)."""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Optional

from flint import arb, ctx

from .roots_exact import arb_to_fraction


def decimal_bound(v: arb, side: str, digits: int = 15) -> str:
    """A decimal string that is a rigorous lower (side='lo') or upper bound of the ball v,
    rounded outward at ``digits`` significant digits."""
    if not v.is_finite():
        return "-inf" if side == "lo" else "inf"
    old = ctx.prec
    ctx.prec = max(old, 256)          # lower()/upper() round to the working precision
    try:
        q = arb_to_fraction(v.lower() if side == "lo" else v.upper())
    finally:
        ctx.prec = old
    return round_decimal(q, side, digits)


def round_decimal(q: Fraction, side: str, digits: int) -> str:
    """q rounded down (side 'lo') or up (side 'hi') to ``digits`` significant decimals."""
    if q == 0:
        return "0"
    a = abs(q)
    e = len(str(a.numerator)) - len(str(a.denominator))
    while Fraction(10) ** e > a:
        e -= 1
    while Fraction(10) ** (e + 1) <= a:
        e += 1
    k = e - digits + 1
    n = q / (Fraction(10) ** k)
    n = math.floor(n) if side == "lo" else math.ceil(n)
    neg = n < 0
    text = str(abs(n))
    if k >= 0:
        out = text + "0" * k
    else:
        text = text.rjust(-k + 1, "0")
        out = (text[:k] + "." + text[k:]).rstrip("0").rstrip(".")
    return ("-" if neg else "") + out


def qstr(q: Optional[Fraction]):
    """The exact text of a rational ("n" or "n/d"); None stays None; a tuple (a box corner)
    gives the list of its coordinates' texts."""
    if q is None:
        return None
    if isinstance(q, tuple):                 # a corner of a parameter box
        return [qstr(v) for v in q]
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"
