"""Exact constants at the boundary of the engine.

Claim constants and cell ends are rationals.  Decimal text ("0.18", "-1.381", "1e-3", "2/3")
parses exactly; Python floats and sympy ``Float`` are refused (GUIDE §2: an arb built from the
double written 0.1 is that binary double, not 1/10).
"""
from __future__ import annotations

import re
from fractions import Fraction

import sympy
from flint import arb, fmpq

from .errors import CertifyInputError, ExactnessError

_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_FRACTION = re.compile(r"^[+-]?\d+\s*/\s*[+-]?\d+$")


def to_rational(value) -> sympy.Rational:
    """Return ``value`` as an exact sympy Rational; refuse binary floats."""
    if isinstance(value, bool):
        raise CertifyInputError(f"not a number: {value!r}")
    if isinstance(value, float) or isinstance(value, sympy.Float):
        raise ExactnessError(
            f"binary float {value!r} refused: write the constant as a string such as '0.18' or a Rational")
    if isinstance(value, sympy.Rational):
        return value
    if isinstance(value, int):
        return sympy.Integer(value)
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, fmpq):
        return sympy.Rational(int(value.p), int(value.q))
    if isinstance(value, str):
        text = value.strip()
        if _DECIMAL.match(text):
            return sympy.Rational(Fraction(text))
        if _FRACTION.match(text):
            num, den = (int(t) for t in text.split("/"))
            if den == 0:
                raise CertifyInputError(f"division by zero in number {value!r}")
            return sympy.Rational(num, den)
        raise CertifyInputError(f"malformed number {value!r}")
    if isinstance(value, sympy.Basic) and value.is_Rational:
        return value
    raise ExactnessError(f"not an exact rational: {value!r}")


def to_fmpq(value) -> fmpq:
    q = to_rational(value)
    return fmpq(int(q.p), int(q.q))


def rational_to_arb(q) -> arb:
    """Exact rational -> arb ball (exact when the denominator is a power of two)."""
    q = to_rational(q)
    if q.q == 1:
        return arb(int(q.p))
    return arb(fmpq(int(q.p), int(q.q)))


def rational_str(q) -> str:
    """Canonical text of an exact rational, e.g. '9/50' or '-3'."""
    q = to_rational(q)
    return str(q.p) if q.q == 1 else f"{q.p}/{q.q}"


def rational_from_str(text: str) -> sympy.Rational:
    return to_rational(text)


def rational_key(values) -> tuple:
    """A hashable key of a sequence of exact rationals (fmpq or Fraction; None allowed): (p, q) integer
    pairs.  python-flint hashes an fmpq through a Fraction, about 3 microseconds each, which a
    memo of points or boxes would pay on every lookup."""
    return tuple(None if v is None else (int(v.numerator), int(v.denominator)) for v in values)
