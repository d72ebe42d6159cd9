"""The constant M of a criterion key, read by the checker itself: "2pi", "pi", "none" (1/M = 0)
or the text of a positive constant expression ("3*pi/2", "4"), read by ``reader`` (never
evaluated as Python).  1/M is an arb ball from the checker's own ball evaluation, after its
decorated arithmetic proved the expression defined (decoration >= dac) and M > 0."""
from __future__ import annotations

from flint import arb

from . import arith as A
from .criterion_roots import BallTerm
from .evaluate import value
from .reader import read_expr
from .terms import CheckError

FIXED = ("2pi", "pi", "none")
_TERMS: dict = {}


def _term(key):
    if key not in _TERMS:
        if not isinstance(key, str) or len(key) > 200:
            raise CheckError(f"not an M: {key!r}")
        t = read_expr(key, ())
        iv, dec = value(t, {})
        if dec < A.DAC or iv is None or iv.lo is None or not iv.lo > 0:
            raise CheckError(f"M = {key!r} is not proved a defined positive constant")
        _TERMS[key] = t
    return _TERMS[key]


def inverse(key) -> arb:
    """A ball containing 1/M (at the working precision)."""
    if key == "2pi":
        return 1 / (2 * arb.pi())
    if key == "pi":
        return 1 / arb.pi()
    if key == "none":
        return arb(0)
    v = BallTerm(_term(key), ())()
    if not v > 0:
        raise CheckError(f"M = {key!r} is not proved positive")
    return 1 / v


def keys_of(rec) -> tuple:
    """The M keys of a recorded leaf (its verdicts): the fixed three and at most one more,
    each a valid M."""
    keys = tuple(rec["verdict"])
    if not set(FIXED) <= set(keys) or len(keys) > len(FIXED) + 1:
        raise CheckError(f"a leaf's verdicts are not for the keys {FIXED} (and one M): {keys}")
    for k in keys:
        inverse(k)
    return keys
