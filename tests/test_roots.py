"""certify.roots: certified root isolation uniformly over a parameter box.

Known answers (polynomials with rational roots, exact Fraction evaluation) and random cases:
every ``pos``/``neg`` piece must have that sign at sample points for sampled parameters, every
``root`` piece must contain exactly one true root for every sampled parameter, and the pieces
must partition the interval.
"""
import random
from fractions import Fraction as F

import pytest
import sympy
from flint import arb, fmpq

from certify.roots import (NEG, POS, ROOT, UNRESOLVED, Fn, arb_to_fraction, isolate, qarb, sign,
                           tball)

x, p = sympy.symbols("x p", real=True)


def _check_partition(iso, lo, hi):
    ps = iso.pieces
    assert ps[0].lo == lo and ps[-1].hi == hi
    assert all(a.hi == b.lo and a.lo < a.hi for a, b in zip(ps, ps[1:]))


def _poly_value(expr, xv, pv=None):
    subs = {x: sympy.Rational(xv.numerator, xv.denominator)}
    if pv is not None:
        subs[p] = sympy.Rational(pv.numerator, pv.denominator)
    return expr.subs(subs)


def test_sqrt2_tight():
    fn = Fn(x * x - 2, x)
    iso = isolate(fn, 0, 2)
    _check_partition(iso, 0, 2)
    assert iso.complete and iso.n_roots == 1
    r = iso.roots[0]
    assert r.lo * r.lo < 2 < r.hi * r.hi            # contains sqrt(2), exactly
    assert r.hi - r.lo < F(1, 10 ** 15)
    assert [q.kind for q in iso.pieces] == [NEG, ROOT, POS]


def test_no_root_and_sign():
    iso = isolate(Fn(x * x + 1, x), -3, 3)
    assert iso.complete and iso.n_roots == 0
    assert {q.kind for q in iso.pieces} == {POS}


def test_double_root_is_never_counted():
    iso = isolate(Fn((x - 1) ** 2 * (x + 3), x), 0, 2)
    _check_partition(iso, 0, 2)
    assert not iso.complete and iso.n_roots is None
    bad = [q for q in iso.pieces if q.kind == UNRESOLVED]
    assert all(q.lo <= 1 <= q.hi for q in bad) and bad
    assert not iso.roots                             # a double root is never claimed simple


def test_root_at_the_end_is_unresolved():
    iso = isolate(Fn(x * (x + 1), x), 0, 1)
    _check_partition(iso, 0, 1)
    assert iso.pieces[0].kind == UNRESOLVED and iso.pieces[0].lo == 0
    assert iso.n_roots is None


def test_parameter_box_roots_move():
    # roots p and 2p for p in [9/10, 1]: each root piece must contain the whole path
    fn = Fn((x - p) * (x - 2 * p), x, [p])
    P = [tball(F(9, 10), F(1))]
    iso = isolate(fn, 0, 3, P)
    _check_partition(iso, 0, 3)
    assert iso.complete and iso.n_roots == 2
    r1, r2 = iso.roots
    assert r1.lo <= F(9, 10) and F(1) <= r1.hi and r1.slope == -1
    assert r2.lo <= F(9, 5) and F(2) <= r2.hi and r2.slope == 1
    assert r1.hi - r1.lo < F(3, 10) and r2.hi - r2.lo < F(3, 10)


def test_scale_pi_cos():
    # cos x on [0, pi] with x = pi t: one root at t = 1/2
    iso = isolate(Fn(sympy.cos(x), x), 0, 1, scale=arb.pi())
    assert iso.n_roots == 1
    r = iso.roots[0]
    assert r.lo < F(1, 2) < r.hi and r.hi - r.lo < F(1, 10 ** 15)


@pytest.mark.parametrize("seed", range(6))
def test_random_cubics_with_parameter(seed):
    rng = random.Random(seed)
    a = F(rng.randint(-20, 0), 10)
    b_ = a + F(rng.randint(3, 15), 10)
    c = b_ + F(rng.randint(3, 15), 10)
    expr = (x - a - p) * (x - b_ - p) * (x - c + p)
    fn = Fn(sympy.expand(expr), x, [p])
    plo, phi = F(0), F(rng.randint(1, 5), 100)
    lo, hi = a - 1, c + 1
    iso = isolate(fn, lo, hi, [tball(plo, phi)])
    _check_cubic(iso, expr, (a, b_, c), plo, phi, rng)
    # started from the box's isolation: a sub-box and a point of it (the pieces carried over
    # and the new ones must hold there)
    for slo, shi in ((plo, (plo + phi) / 2), (phi / 3, phi / 3)):
        sub = isolate(fn, lo, hi, [tball(slo, shi)], within=iso)
        _check_cubic(sub, expr, (a, b_, c), slo, shi, rng)
        assert sub.cells <= iso.cells
    with pytest.raises(ValueError):
        isolate(fn, lo, hi + 1, [tball(plo, phi)], within=iso)          # another interval
    with pytest.raises(ValueError):
        isolate(Fn(sympy.expand(expr), x, [p]), lo, hi, [tball(plo, phi)], within=iso)
    # a box not inside the isolation's: searched afresh, the same pieces
    wider = isolate(fn, lo, hi, [tball(plo, 2 * phi)], within=iso)
    assert wider.pieces == isolate(fn, lo, hi, [tball(plo, 2 * phi)]).pieces


def _check_cubic(iso, expr, abc, plo, phi, rng):
    """Signs of the pos / neg pieces and one true root per root piece, for sampled p."""
    a, b_, c = abc
    _check_partition(iso, iso.t_lo, iso.t_hi)
    for _ in range(20):
        pv = plo + (phi - plo) * F(rng.randint(0, 1000), 1000)
        for q in iso.pieces:
            for t in (q.lo, q.hi, (q.lo + q.hi) / 2):
                v = _poly_value(expr, t, pv)
                if q.kind == POS:
                    assert v > 0
                elif q.kind == NEG:
                    assert v < 0
            if q.kind == ROOT:
                true_roots = [r for r in (a + pv, b_ + pv, c - pv) if q.lo <= r <= q.hi]
                assert len(true_roots) == 1


def test_wide_dynamic_range_product_sign():
    # exp(beta (cos x - 1)) (cos x - beta sin^2 x) for beta in [100, 200] at x = pi/2: the
    # product as one ball straddles 0 (midpoint-radius), the factor-wise sign does not
    b = sympy.Symbol("b", real=True)
    fn = Fn((sympy.cos(x) - b * sympy.sin(x) ** 2) * sympy.exp(b * (sympy.cos(x) - 1)), x, [b])
    P = [tball(F(100), F(200))]
    X = arb.pi() / 2
    assert sign(fn(X, P)) == 0
    assert fn.sign(X, P, x_point=True) == -1


def test_sign_factor_drops_only_total_positive_factors():
    h = x - 1
    for expr, dropped in ((3 * sympy.exp(x ** 2) * h, True), (sympy.pi * sympy.exp(x) * h, True),
                          (-sympy.exp(x) * h, False),           # c < 0: kept (signs would flip)
                          (sympy.exp(1 / x) * h, False),        # exp of a non-total argument
                          (sympy.exp(x) * h * (x + 2), False),  # two sign factors
                          (h, False)):
        fn = Fn(expr, x)
        core = fn.sign_factor()
        assert (core is not fn) == dropped
        if dropped:
            assert core(arb(3)).contains(2) and core(arb(3)).rad() == 0      # H = x - 1
            iso = isolate(fn, 0, 3)
            assert [q.kind for q in iso.pieces] == [NEG, ROOT, POS]
            r = iso.roots[0]
            assert r.lo < 1 < r.hi and r.slope == 1


def test_helpers_refuse_floats_and_inexact():
    with pytest.raises(TypeError):
        qarb(0.1)
    assert sign(arb("nan")) == 0 and sign(arb(0, 1)) == 0 and sign(arb(1)) == 1
    with pytest.raises(ArithmeticError):
        arb_to_fraction(arb(fmpq(1, 3)))
    assert arb_to_fraction(arb(fmpq(1, 3)).lower()) < F(1, 3) < arb_to_fraction(arb(fmpq(1, 3)).upper())


# -- definedness: the tree as written (certify.expr), never a simplified derivative -------------

def test_root_never_claimed_where_f_is_undefined():
    # x + 0*(1/x): the derivative tree drops 0*(...)' and is 1 everywhere, but F itself is
    # undefined at 0: the monotone test must not turn [-e, e] into a simple root
    from certify.expr.parse import parse_expr
    fn = Fn(parse_expr("x + 0*(1/x)", ["x"]), "x")
    iso = isolate(fn, -1, 1)
    _check_partition(iso, -1, 1)
    assert not iso.complete and not iso.roots
    assert all(q.kind == UNRESOLVED for q in iso.pieces if q.lo <= 0 <= q.hi)


def test_jump_is_never_a_root_or_a_sign():
    # atan(tan(x/2)) jumps from pi/2 to -pi/2 at x = pi (t = 1): no piece through t = 1 is
    # decided, although sympy's derivative of it is the constant 1/2
    from certify.expr.parse import parse_expr
    fn = Fn(parse_expr("atan(tan(x/2))", ["x"]), "x")
    assert sympy.simplify(sympy.diff(sympy.atan(sympy.tan(x / 2)), x)) == sympy.Rational(1, 2)
    iso = isolate(fn, F(1, 2), F(3, 2), scale=arb.pi())
    _check_partition(iso, F(1, 2), F(3, 2))
    assert all(q.kind == UNRESOLVED for q in iso.pieces if q.lo <= 1 <= q.hi)
    assert fn.sign(arb.pi() * tball(F(9, 10), F(11, 10))) == 0
    assert fn.dx.sign(arb.pi() * tball(F(9, 10), F(11, 10))) == 0


def test_values_are_nan_unless_defined_on_the_whole_box():
    fn = Fn(sympy.log(x), x)
    assert not fn(tball(F(-1, 8), F(1))).is_finite()
    assert not fn.enclose(tball(F(-1, 8), F(1))).is_finite()
    assert fn.sign(tball(F(-1, 8), F(1))) == 0
    assert fn.sign(tball(F(2), F(3))) == 1
    # an exact cell end at a domain boundary: the ball of [0, 1/4] reaches below 0, the cell
    # does not (CellBall keeps the exact ends for the interval fallback)
    g = Fn(sympy.sqrt(p) + 1, x, [p])
    assert g.continuous_on(qarb(F(1)), [tball(F(0), F(1, 4))])
    assert not g.continuous_on(qarb(F(1)), [tball(F(-1, 4), F(1, 4))])


@pytest.mark.parametrize("text", [
    "sin(x)*(b*x - 1)*(b*x - 1) + x*sin(x)*2 - x*sin(x)",
    "exp(b*x)*sin(x) + exp(b*x)*cos(x)*b - 3*exp(b*x)",
    "sqrt(x) - sqrt(x) + x",                      # cancels to x, keeps sqrt's domain
    "x*log(x) - log(x)*x + 1/(x - 1) - 1/(x - 1)",
    "(2 - (-1 - x*b)) * sin(x) + x**2*b - b*x*x",
])
def test_normalize_keeps_values_and_domain(text):
    import numpy as np
    from certify.expr.nodes import postorder
    from certify.expr.numeric import evaluate
    from certify.expr.parse import parse_expr
    from certify.roots import normalize
    tree = parse_expr(text, ["x", "b"])
    norm = normalize(tree)
    partial_ops = {"sqrt", "log", "div", "tan", "acos", "asin", "rpow", "pow"}
    assert ({id(n) for n in postorder([tree]) if n.op in partial_ops}
            <= {id(n) for n in postorder([norm]) if n.op in partial_ops})
    rng = np.random.default_rng(1)
    env = {"x": np.concatenate([rng.uniform(-3, 3, 200), [0.0, 1.0]]), "b": rng.uniform(-2, 2, 202)}
    a, c = evaluate(tree, env), evaluate(norm, env)
    assert np.array_equal(np.isnan(a), np.isnan(c))
    ok = ~np.isnan(a)
    assert np.allclose(a[ok], c[ok], rtol=1e-9, atol=1e-9)


def test_normalized_derivative_is_a_product_with_an_exp_factor():
    fn = Fn(sympy.sin(x) * sympy.exp(p * (sympy.cos(x) - 1)), x, [p])
    for d in (fn.dx, fn.dx.dx, fn.dx.dx.dx, fn.dx.partial(p)):
        kinds = [k for k, _ in d._factors()]
        assert "positive" in kinds and "fn" in kinds
