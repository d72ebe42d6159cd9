"""Mutated twins: a proved inequality with its constant moved just past the true extremum.

A twin must never be PROVED; tests run every registered inequality's twin.  The shift is the
smaller of two estimates of inf slack from above: the certified margin's upper end (a value of
the slack at an evaluated point, when the margin is in slack units) and the float64 sampled
minimum of the slack on a dense grid.  A relative bump of 1e-6 then puts the constant past the
infimum, so the twin is false.
"""
from __future__ import annotations

from fractions import Fraction

import sympy

from .claims import Inequality
from .prover import Result, normalize
from .sampling import sampled_min


def mutation_shift(claim: Inequality, result: Result) -> sympy.Rational:
    candidates = []
    if result.margin_kind == "slack" and result.margin and result.margin[1] != "oo":
        candidates.append(Fraction(result.margin[1]))
    lhs, rhs = claim.sides()
    slack, _ = normalize(lhs, claim.op, rhs)
    found = sampled_min(slack, claim.domain())
    if found is not None:
        candidates.append(Fraction(repr(found[0])))
    if not candidates:
        raise ValueError(f"{claim.id}: no estimate of the slack's infimum")
    top = min(candidates)
    shift = top + max(abs(top), Fraction(1)) * Fraction(1, 10 ** 6)
    return sympy.Rational(shift.numerator, shift.denominator)


def mutated_twin(claim: Inequality, result: Result) -> Inequality:
    return claim.mutated(mutation_shift(claim, result))
