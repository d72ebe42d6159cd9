"""Unit tests of the evaluation core, certify.expr: trees as written, the safe parser, canonical
text, decorated intervals, derivative trees and tapes."""
import random
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy
from flint import arb, fmpq

from certify.errors import CertifyInputError
from certify.expr import interval as I
from certify.expr import nodes as N
from certify.expr.bridge import from_sympy, to_sympy
from certify.expr.diff import diff
from certify.expr.numeric import evaluate
from certify.expr.parse import parse_expr, parse_relation
from certify.expr.tape import UNDEFINED, Tape
from certify.expr.text import to_text

from _mp_reference import Skip, _mp, inside, mp_defined_value
from _random_cases import make_interval, rand_tree

NAMES = ("x", "y", "z")
X, Y = N.var("x"), N.var("y")


def iv(lo, hi, lo_open=False, hi_open=False):
    """Interval with exact ends (None: infinite)."""
    def a(q):
        return None if q is None else arb(fmpq(Fraction(q).numerator, Fraction(q).denominator))
    return I.Interval(a(lo), a(hi), lo_open, hi_open)


def ends(v):
    """(lo, hi, lo_open, hi_open) with ends as Fractions (exact) or None."""
    def q(a):
        if a is None:
            return None
        if not a.is_exact():
            return a
        m, e = a.man_exp()
        return Fraction(int(m)) * Fraction(2) ** int(e)
    return q(v.lo), q(v.hi), v.lo_open, v.hi_open


def one(text, box, names=("x",)):
    """(Interval, Dec) of an expression on a box of Intervals."""
    F = parse_expr(text, names)
    vals, decs = Tape([[F]], names).intervals(box)
    return vals[-1], decs[-1]


# -- parse -> text -> parse ----------------------------------------------------------------------

ROUND_TRIP = ["-x**2", "(-x)**2", "x**-1", "x**(1/2)", "2**x", "x**y", "x - (y - z)", "x/(y*z)",
              "x/y/z", "-(x+y)", "x**2**3", "(x**2)**3", "-1/3*x", "x*(-1/3)", "min(x, y, z)",
              "x + -1", "(-2)**x", "(2/3)**x", "x**0.5", "E**x", "pi*x", "x - -y", "x*-y", "x**-y",
              "-x*y", "-(x*y)", "1e-3*x", "x^2", "abs(x)", "arctan(x)", "sinc(1/x)", "x**(-3/2)",
              "max(x,y)**(-2)", "(x+y)**(1/3)", "0*x", "x**0", "-(-x)", "x/-2", "2/3 - x",
              "(-1)*x", "(x**(2/3))**2", "x**(y**z)", "(x**y)**z", "-2**x", "(-x)**(1/2)",
              "sqrt(2*z)*(2*z-3)*exp(-z)", "x/x", "sqrt(x)**2", "exp(log(x))", "1/(1/x)",
              "atan(tan(x))", "(x**2-1)/(x-1)", "asinh(x) + acosh(y) + atanh(z)", "x - 0.18"]


@pytest.mark.parametrize("text", ROUND_TRIP)
def test_round_trip_is_the_identical_node(text):
    e = parse_expr(text, NAMES)
    assert parse_expr(to_text(e), NAMES) is e


def test_round_trip_of_random_trees():
    rng = random.Random(11)
    checked = 0
    while checked < 3000:
        try:
            e = rand_tree(rng, ("x", "y"), rng.randint(0, 5))
        except CertifyInputError:
            continue
        assert parse_expr(to_text(e), ("x", "y")) is e, to_text(e)
        checked += 1


def test_hash_consing_shares_subterms():
    a = parse_expr("sin(x) + sin(x)*y", ("x", "y"))
    assert a.args[0] is a.args[1].args[0]
    assert parse_expr("sin(x)", ("x",)) is N.call("sin", X)


# -- no simplification on construction ------------------------------------------------------------

def test_nothing_is_simplified():
    e = parse_expr("x/x", ("x",))
    assert e.op == "div" and e.args == (X, X)
    e = parse_expr("sqrt(x)**2", ("x",))
    assert e.op == "pown" and e.data == 2 and e.args[0].op == "sqrt"
    e = parse_expr("exp(log(x))", ("x",))
    assert e.op == "exp" and e.args[0].op == "log"
    assert parse_expr("x - x", ("x",)).op == "sub"
    assert parse_expr("0*x", ("x",)).op == "mul"
    assert parse_expr("x**0", ("x",)).op == "pown"
    assert parse_expr("1/(1/x)", ("x",)).args[1].op == "div"
    assert parse_expr("(x**2-1)/(x-1)", ("x",)).op == "div"


def test_numbers_fold_exactly():
    assert parse_expr("2/3", ()) is N.num(fmpq(2, 3))
    assert parse_expr("0.18", ()) is N.num(fmpq(9, 50))
    assert parse_expr("2**3 - 1", ()) is N.num(7)
    assert parse_expr("1e-3", ()) is N.num(fmpq(1, 1000))
    with pytest.raises(CertifyInputError):
        parse_expr("1/(2 - 2)", ())
    with pytest.raises(CertifyInputError):
        N.num(0.1)


@pytest.mark.parametrize("bad", ["__import__('os').getpid()", "x.real", "(lambda: 1)()", "[x][0]",
                                 "f(x)", "sin(x, y)", "sin(x=1)", "x if x else 1", "x < 1",
                                 "'a'", "True", "x @ x", "x // 2", "x % 2", "open('f')", "y"])
def test_parser_refuses(bad):
    with pytest.raises(CertifyInputError):
        parse_expr(bad, ("x",))


def test_relation():
    lhs, op, rhs = parse_relation("x/x > 0", ("x",))
    assert op == ">" and lhs.op == "div" and rhs is N.ZERO
    with pytest.raises(CertifyInputError):
        parse_relation("x == 1", ("x",))
    with pytest.raises(CertifyInputError):
        parse_relation("0 < x < 1", ("x",))


def test_bridge_keeps_structure_and_refuses_floats():
    x = sympy.Symbol("x", real=True)
    assert from_sympy(1 / x) is N.pown(X, -1)
    assert from_sympy(sympy.sqrt(x)) is N.call("sqrt", X)
    assert from_sympy(sympy.exp(x)) is N.call("exp", X)
    assert from_sympy(x ** sympy.Rational(1, 3)) is N.rpow(X, 1, 3)
    with pytest.raises(CertifyInputError):
        from_sympy(sympy.Float("0.1") * x)
    assert sympy.simplify(to_sympy(parse_expr("sqrt(x)*exp(-x)/x", ("x",))) - sympy.exp(-x) / sympy.sqrt(x)) == 0


# -- decorated intervals ----------------------------------------------------------------------

def test_sqrt_partly_outside_is_trv():
    v, d = I.sqrt(iv(-1, 4))
    assert d == I.TRV and ends(v) == (0, 2, False, False)
    v, d = I.sqrt(iv(0, 4))
    assert d == I.COM and ends(v) == (0, 2, False, False)


def test_log_on_half_open_cell_is_dac():
    v, d = I.log(iv(0, 1, lo_open=True))
    assert d == I.DAC and v.lo is None and ends(v)[1:] == (0, True, False)
    v, d = I.log(iv(0, 1))
    assert d == I.TRV and v.lo is None


def test_reciprocal_on_half_open_cell():
    v, d = one("1/x", [iv(0, 1, lo_open=True)])
    assert d == I.DAC and ends(v) == (1, None, False, True)
    v, d = one("1/x", [iv(0, 1)])
    assert d == I.TRV and ends(v) == (1, None, False, True)
    v, d = one("1/x", [iv(-1, 1)])
    assert d == I.TRV and v.lo is None and v.hi is None
    v, d = one("1/x", [iv(0, 0)])
    assert v is I.EMPTY and d == I.TRV


def _exact_product_range(x, y):
    """(inf, sup, inf attained, sup attained) of {a b : a in x, b in y} for bounded intervals
    given as (lo, hi, lo_open, hi_open) Fractions: a bilinear map takes its extremes at corners,
    and a value 0 wherever a factor is 0, so the included ends, 0 and the midpoints decide."""
    corners = [a * b for a in x[:2] for b in y[:2]]
    inf, sup = min(corners), max(corners)

    def points(v):
        lo, hi, lo_open, hi_open = v
        pts = {(lo + hi) / 2} | ({lo} if not lo_open else set()) | ({hi} if not hi_open else set())
        return pts | ({Fraction(0)} if (lo < 0 < hi or 0 in pts) else set())
    reached = {a * b for a in points(x) for b in points(y)}
    return inf, sup, inf in reached, sup in reached


def test_mul_against_the_exact_range_on_every_end_pattern():
    """Every interval with ends in {-2, -1, 0, 1/2, 3} and every openness, squared: mul's ends
    are the exact inf and sup (dyadic products are exact), open exactly when not attained."""
    vals = [Fraction(v) for v in (-2, -1, 0, Fraction(1, 2), 3)]
    ivs = [(lo, hi, lo_o, hi_o) for lo in vals for hi in vals if lo <= hi
           for lo_o in (False, True) for hi_o in (False, True) if lo < hi or not (lo_o or hi_o)]
    for x in ivs:
        for y in ivs:
            inf, sup, inf_in, sup_in = _exact_product_range(x, y)
            r, _ = I.mul(iv(*x), iv(*y))
            assert ends(r) == (inf, sup, not inf_in, not sup_in), (x, y)


@pytest.mark.parametrize("text,box,expect,dec", [
    ("exp(x)", iv(0, 1, lo_open=True), (1, ..., True, False), I.COM),
    ("x**2", iv(-1, 1), (0, 1, False, False), I.COM),
    ("x**2", iv(-1, 0, hi_open=True), (0, 1, True, False), I.COM),
    ("x**(-2)", iv(-1, 1), (1, None, False, True), I.TRV),
    ("x*x", iv(0, 1, lo_open=True), (0, 1, True, False), I.COM),
    ("asin(x)", iv(1, 2), None, I.TRV),
    ("acos(x)", iv(1, 1), (0, 0, False, False), I.COM),
    ("tanh(x)", iv(0, None), (0, 1, False, True), I.DAC),
    ("abs(x)", iv(-2, 1), (0, 2, False, False), I.COM),
    ("min(x, 1 - x)", iv(0, 1), (0, 1, False, False), I.COM),
    ("max(x, 1/2)", iv(0, 1, hi_open=True), (Fraction(1, 2), 1, False, True), I.COM),
    ("x**(1/2)", iv(-1, 0), (0, 0, False, False), I.TRV),
    ("x**(-1/2)", iv(0, 4, lo_open=True), (Fraction(1, 2), None, False, True), I.DAC),
    ("log(x)", iv(-1, 0), "empty", I.TRV),
    ("sqrt(x)", iv(None, -1), "empty", I.TRV),
    ("tan(x)", iv(1, 2), (None, None, True, True), I.TRV),
    ("atanh(x)", iv(0, 1, hi_open=True), (0, None, False, True), I.DAC),
    ("acosh(x)", iv(0, 1), (0, 0, False, False), I.TRV),
])
def test_decorations(text, box, expect, dec):
    v, d = one(text, [box])
    assert d == dec
    if expect == "empty":
        assert v is I.EMPTY
    elif expect is not None:
        got = ends(v)
        assert all(e is ... or g == e for g, e in zip(got, expect)), got      # ... : not checked


def test_sin_cos_ranges_touch_extrema():
    v, d = one("sin(x)", [iv(0, 2)])
    assert d == I.COM and ends(v)[1] == 1 and ends(v)[0] == 0
    v, d = one("cos(x)", [iv(-1, 1)])
    assert ends(v)[1] == 1 and v.lo > 0.5


def test_interval_ends_are_exact_for_sinc():
    # module invariant (certify/expr/interval.py docstring): an end is an exact arb or None
    v, _ = I.sinc(iv(-4, -2))
    assert v.lo.is_exact() and v.hi.is_exact(), (v.lo, v.hi)
    v, _ = I.min_(I.sinc(iv(Fraction(1, 4), 4))[0], iv(Fraction(1, 2), Fraction(1, 2)))
    assert v.lo.is_exact() and v.hi.is_exact(), (v.lo, v.hi)


def test_balls_fast_path_refuses_uncertain_domains():
    F = parse_expr("sqrt(x) + log(x) + 1/x", ("x",))
    t = Tape([[F]], ("x",))
    assert t.balls([arb(fmpq(1, 2), fmpq(1, 4))])[-1] is not None
    assert t.balls([arb(0, 1)])[-1] is None
    assert Tape([[parse_expr("tan(x)", ("x",))]], ("x",)).balls([arb(fmpq(3, 2), fmpq(1, 10))])[-1] is None


# -- derivative trees -------------------------------------------------------------------------

def test_derivative_of_atan_tan_is_undefined_at_the_pole():
    F = parse_expr("atan(tan(x))", ("x",))
    d = diff(F, "x")
    vals, decs = Tape([[d]], ("x",)).intervals([iv(1, 2)])     # pi/2 inside
    assert decs[-1] < I.DEF
    vals, decs = Tape([[d]], ("x",)).intervals([iv(0, 1)])
    assert decs[-1] >= I.DEF and vals[-1].lo <= 1 <= vals[-1].hi


def test_derivative_definedness_follows_the_operation():
    for text, cell in [("sqrt(x)", iv(0, 1)), ("abs(x)", iv(-1, 1)), ("acos(x)", iv(0, 1)),
                       ("min(x, 1 - x)", iv(0, 1)), ("x**(1/3)", iv(0, 1))]:
        d = diff(parse_expr(text, ("x",)), "x")
        assert Tape([[d]], ("x",)).intervals([cell])[1][-1] < I.DEF, text


def test_derivative_of_x_log_x_is_bounded_near_zero():
    d = diff(parse_expr("x*log(x)", ("x",)), "x")
    assert d is parse_expr("log(x) + 1", ("x",))
    vals, decs = Tape([[d]], ("x",)).intervals([iv(0, Fraction(1, 256), lo_open=True)])
    assert decs[-1] >= I.DAC and vals[-1].hi is not None


def test_a_literal_division_by_zero_is_an_input_error():
    # x/0 is undefined everywhere: the parser refuses it with a one-line message (so no tree,
    # and no derivative tree, ever divides by a literal zero)
    for text in ("x/0", "x/(1 - 1)", "(x/0)**0"):
        with pytest.raises(CertifyInputError, match="division by zero"):
            parse_expr(text, ("x",))


DIFF_CASES = [
    "x**3 - 2*x", "sin(x)*cos(x)", "exp(-x**2)", "log(1 + x**2)", "sqrt(x)", "1/x", "x/(1 + x)",
    "atan(x)", "asin(x/2)", "acos(x/2)", "tan(x)", "sinh(x)*cosh(x)", "tanh(x)", "abs(x - 1/3)",
    "sinc(x)", "x**(3/2)", "x**(-1/2)", "x**(1/3)", "x**x", "2**x", "min(x, 1 - x)",
    "max(x**2, 1/4)", "exp(sin(x))/x", "x*log(x)", "sqrt(2*x)*(2*x - 3)*exp(-x)",
    "(x**2 - 1)/(x - 1)", "asinh(x)", "acosh(1 + x)", "atanh(x/2)", "log(x)**2*sqrt(x + 1)",
    "(x + 1)**4 - x**(-3)", "exp(x)**(1/2) - sinc(x**2)",
]


@pytest.mark.parametrize("text", DIFF_CASES)
def test_derivative_tree_agrees_with_sympy(text):
    x = sympy.Symbol("x", real=True)
    ns = {"x": x, "sinc": sympy.sinc, "abs": sympy.Abs, "min": sympy.Min, "max": sympy.Max}
    reference = sympy.diff(sympy.sympify(text.replace("^", "**"), locals=ns), x)
    d = diff(parse_expr(text, ("x",)), "x")
    rng = random.Random(text)
    mpmath.mp.dps = 50
    checked = 0
    for _ in range(12):
        q = Fraction(rng.randint(1, 1900), 1000)        # (0, 1.9): inside every domain above
        if q in (Fraction(1, 3), Fraction(1, 2), Fraction(1)):
            continue
        try:
            mine = mp_defined_value(d, {"x": q})
        except Skip:
            continue
        if mine is None:
            continue
        theirs = sympy.N(reference.subs(x, sympy.Rational(q.numerator, q.denominator)), 40)
        assert abs(_mp(mine) - mpmath.mpf(str(theirs))) <= mpmath.mpf(10) ** -30 * max(1, abs(_mp(mine))), (text, q)
        checked += 1
    assert checked >= 5


# -- tapes -------------------------------------------------------------------------------------

def test_exact_evaluation_sees_an_exact_zero():
    t = Tape([[parse_expr("x**2 - 2*x + 1", ("x",))]], ("x",))
    assert t.exact((fmpq(1),)) == 0 and isinstance(t.exact((fmpq(1),)), fmpq)
    assert t.exact((fmpq(1, 3),)) == fmpq(4, 9)
    assert Tape([[parse_expr("1/(x - 1)", ("x",))]], ("x",)).exact((fmpq(1),)) is UNDEFINED
    assert Tape([[parse_expr("sin(x)", ("x",))]], ("x",)).exact((fmpq(1),)) is None


def test_exact_evaluation_reads_only_the_cone_of_its_output():
    """A pole of another output on the same tape does not make this one undefined; a pole
    under a non-rational operation still does (sqrt(2)/x at 0), and none gives None."""
    names = ("x",)
    t = Tape([[parse_expr("x + 1", names), parse_expr("(1/(x - 1))*(1/(x - 1))", names)]], names)
    first, second = t.outputs[0]
    assert t.exact((fmpq(1),), first) == 2
    assert t.exact((fmpq(1),), second) is UNDEFINED
    assert Tape([[parse_expr("sqrt(2)/x", names)]], names).exact((fmpq(0),)) is UNDEFINED
    assert Tape([[parse_expr("sqrt(2)/x", names)]], names).exact((fmpq(1),)) is None


def test_tape_shares_and_levels():
    F = parse_expr("sin(x)*sin(x) + x", ("x",))
    t = Tape([[F], [diff(F, "x")]], ("x",))
    assert sum(1 for n in t.nodes if n.op == "sin") == 1
    vals, decs = t.intervals([iv(0, 1)], level=0)
    assert len(vals) == t.level_end[0]


def test_decorated_point_evaluation_contains_mpmath_value():
    mpmath.mp.dps = 50
    for text in ["sqrt(2*z)*(2*z-3)*exp(-z)", "atan(tan(z))", "sinc(1/z)", "z**(1/3) - log(z)"]:
        F = parse_expr(text, ("z",))
        for q in (Fraction(1, 7), Fraction(3, 2), Fraction(19, 8)):
            vals, _ = Tape([[F]], ("z",)).intervals([make_interval(q, q, False, False)])
            assert inside(mp_defined_value(F, {"z": q}), vals[-1]), (text, q)


def test_float_evaluation_has_real_semantics():
    xs = np.array([-8.0, -1.0, 0.0, 1.0, 4.0])
    out = evaluate(parse_expr("x/x", ("x",)), {"x": xs})
    assert np.isnan(out[2]) and out[3] == 1
    assert np.isnan(evaluate(parse_expr("x**(1/3)", ("x",)), {"x": xs})[0])
    assert np.isnan(evaluate(parse_expr("sqrt(x)", ("x",)), {"x": xs})[1])
    assert np.isnan(evaluate(parse_expr("log(x)", ("x",)), {"x": xs})[2])
    assert evaluate(parse_expr("sinc(x)", ("x",)), {"x": xs})[2] == 1
