"""Mutated twins: a proved inequality with its constant moved just past the true extremum.

A twin must never be PROVED; tests run every registered inequality's twin.  The shift is the
certified margin's upper end (an upper bound of inf slack, attained or approached) when the
margin is in slack units, else the float64 sampled minimum of the slack; either way the
mutated slack has a negative infimum, so the twin is false.
"""
from __future__ import annotations

from fractions import Fraction

import sympy

from .claims import Inequality
from .prover import Result, normalize
from .sampling import sampled_min


def mutation_shift(claim: Inequality, result: Result) -> sympy.Rational:
    if result.margin_kind == "slack" and result.margin and result.margin[1] != "oo":
        top = Fraction(result.margin[1])
    else:
        lhs, rhs = claim.sides()
        slack, _ = normalize(lhs, claim.op, rhs)
        found = sampled_min(slack, claim.domain())
        if found is None:
            raise ValueError(f"{claim.id}: no finite sample of the slack")
        top = Fraction(repr(found[0]))
    bump = max(abs(top), Fraction(1)) * Fraction(1, 10 ** 6)
    return sympy.Rational(top.numerator, top.denominator) + sympy.Rational(bump.numerator, bump.denominator)


def mutated_twin(claim: Inequality, result: Result) -> Inequality:
    return claim.mutated(mutation_shift(claim, result))
