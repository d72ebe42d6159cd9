"""Randomized soundness: random expressions and cells; every PROVED verdict must agree with
dense 50-digit mpmath sampling, and every REFUTED witness must really violate the claim."""
import random

import mpmath
import pytest
import sympy

from certify.domain import parse_domain
from certify.prover import prove_inequality

x = sympy.Symbol("x", real=True)
ATOMS = [x, sympy.sin(x), sympy.cos(x), sympy.exp(-x), sympy.sqrt(x + 1), x * x, sympy.atan(x)]


def random_expr(rng):
    e = sympy.Integer(0)
    for _ in range(rng.randint(2, 4)):
        coeff = sympy.Rational(rng.randint(-9, 9), rng.randint(1, 5))
        e += coeff * rng.choice(ATOMS) * rng.choice(ATOMS)
    return e


@pytest.mark.parametrize("seed", range(24))
def test_random_claims_agree_with_mpmath(seed):
    rng = random.Random(seed)
    e = random_expr(rng)
    lo = sympy.Rational(rng.randint(0, 20), 10)
    hi = lo + sympy.Rational(rng.randint(1, 30), 10)
    f = sympy.lambdify(x, e, modules="mpmath")
    mpmath.mp.dps = 50
    samples = [f(mpmath.mpf(lo.p) / lo.q + (mpmath.mpf(hi.p) / hi.q - mpmath.mpf(lo.p) / lo.q) * k / 400)
               for k in range(401)]
    c = sympy.Rational(int(min(samples) * 100) - rng.randint(-3, 3), 100)    # near the minimum
    d = parse_domain(f"x in [{lo}, {hi}]")
    r = prove_inequality(e, ">", c, d)
    if r.status == "PROVED":
        assert min(samples) > c
    if r.status == "REFUTED":
        w = sympy.Rational(r.witness["x"])
        assert f(mpmath.mpf(w.p) / w.q) <= c
