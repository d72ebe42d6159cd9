"""Regressions of the evaluation-core issue: one test per class of wrong verdict.

Every REFUTED witness is re-checked here, independently of the engine, with mpmath at 50
digits and real semantics (``_mp_reference.mp_defined_value``): the witness lies in
the domain, and there the expression is undefined or the inequality fails.  Every PROVED
margin [lo, hi] must have lo <= hi, and where the infimum of the slack is known, contain it.
"""
import json
import os
import subprocess
import sys
import time
from fractions import Fraction

import mpmath
import pytest
from flint import fmpq

from certify.api import prove
from certify.claims import Identity
from certify.domain import parse_domain
from certify.errors import CertifyInputError
from certify.expr.parse import parse_relation

from _cli import run_cli, run_process          # the command line in this process / as a process
from _mp_reference import Skip, _mp, mp_defined_value

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# -- independent checks ----------------------------------------------------------------------------

def witness_verdict(claim: str, over: str, witness: dict) -> str:
    """'undefined' or 'fails' (mpmath, 50 digits) at an exact witness inside the domain;
    raises AssertionError otherwise."""
    d = parse_domain(over)
    assert set(witness) == set(d.names), witness
    env = {n: Fraction(witness[n]) for n in d.names}
    for n in d.names:
        assert d.interval(n).contains(str(env[n])), f"witness {witness} outside the domain {over}"
    lhs, op, rhs = parse_relation(claim, d.names)
    old = mpmath.mp.dps
    mpmath.mp.dps = 50
    try:
        a, b = mp_defined_value(lhs, env), mp_defined_value(rhs, env)
        if a is None or b is None:
            return "undefined"
        if isinstance(a, Fraction) and isinstance(b, Fraction):
            s = a - b
            sign = (s > 0) - (s < 0)
        else:
            s = _mp(a) - _mp(b)
            assert abs(s) > mpmath.mpf(10) ** -40, f"inconclusive at {witness}: lhs - rhs = {s}"
            sign = 1 if s > 0 else -1
    except Skip:
        raise AssertionError(f"mpmath cannot evaluate the claim at {witness}")
    finally:
        mpmath.mp.dps = old
    holds = {">": sign > 0, ">=": sign >= 0, "<": sign < 0, "<=": sign <= 0}[op]
    assert not holds, f"{claim} holds at the witness {witness} (lhs - rhs has sign {sign})"
    return "fails"


def number(text):
    if text in ("oo", "-oo"):
        return mpmath.inf if text == "oo" else -mpmath.inf
    return mpmath.mpf(text)


def check_margin(r, infimum=None):
    """A PROVED result's margin: lo <= hi, lo >= 0 (the claim holds) and, when the infimum of
    the slack is known (an mpmath number), lo <= infimum <= hi."""
    assert r.status == "PROVED"
    assert r.margin is not None and len(r.margin) == 2, r.margin
    lo, hi = r.margin
    mpmath.mp.dps = 60
    assert Fraction(lo) >= 0 if lo != "-oo" else False, r.margin
    assert hi == "oo" or Fraction(lo) <= Fraction(hi), f"margin {r.margin} has lower > upper"
    if infimum is not None:
        assert number(lo) <= infimum <= number(hi), f"margin {r.margin} does not contain {infimum}"


def check(claim, over, expect=None, **kw):
    """prove(); the verdict is never PROVED for a false claim (expect REFUTED / 'not PROVED')
    and every REFUTED witness is checked."""
    r = prove(claim, over, **kw)
    if r.status == "REFUTED":
        witness_verdict(claim, over, r.witness)
    if r.status == "PROVED":
        check_margin(r)
    if r.status != "PROVED":
        assert r.margin is None, r.margin
    if expect == "not PROVED":
        assert r.status != "PROVED", (claim, over, r.status)
    elif expect is not None:
        assert r.status == expect, (claim, over, r.status, r.reason)
    return r




# -- atan(tan(x)): the pole at pi/2 ---------------------------------------------------------------

def test_atan_tan_is_refuted():
    r = check("atan(tan(x)) > 0", "x in [1, 2]", "REFUTED")
    assert Fraction(r.witness["x"]) > Fraction(157079, 100000)        # past the pole


def test_atan_tan_cli():
    p = run_cli("prove", "atan(tan(x)) > 0", "--over", "x in [1, 2]")
    assert p.returncode == 1, p.stdout + p.stderr
    p = run_cli("bound", "atan(tan(x))", "--over", "x in [1, 2]", "--min")
    assert p.returncode in (0, 3), p.stderr
    assert "Traceback" not in p.stderr
    if p.returncode == 0:
        text = p.stdout.split("[", 1)[1].split("]", 1)[0]
        lo, hi = (Fraction(t.strip()) for t in text.split(","))
        assert lo <= hi, p.stdout
        assert lo <= -1 + Fraction(1, 10 ** 6)      # atan(tan x) -> -pi/2 just past the pole
    else:
        assert "UNDECIDED" in p.stdout + p.stderr


def test_a_bound_next_to_a_pole_stops_at_the_depth_budget():
    """The lowest cell has no lower bound at the depth budget (atan(tan x) at pi/2): no further
    split changes that, so the search ends there, long before the cell budget."""
    from certify.domain import parse_domain
    from certify.enclose import Ladder
    from certify.expr.parse import parse_expr
    from certify.forms import box_of, opens_of
    from certify.search import Budget, bound_min
    d = parse_domain("x in [1, 2]")
    ladder = Ladder(parse_expr("atan(tan(x))", ("x",)), ("x",), opens_of(d))
    lo, hi, cells = bound_min(ladder, box_of(d), fmpq(1, 10 ** 9), Budget(cells=20000, depth=40))
    assert lo is None and cells <= 2 * 40 + 1
    assert hi is not None and hi < -1.5        # atan(tan x) = x - pi just past pi/2


# -- undefined inside a subexpression ---------------------------------------------------------------

@pytest.mark.parametrize("claim,over", [
    ("exp(sqrt(x - 5)) >= 0", "x in [0, 1]"),
    ("exp(x + 1/(x - 2)) > 0", "x in [0, oo)"),
    ("sinc(1/x) + 2 > 0", "x in [-1, 1]"),
])
def test_undefined_subexpression_is_not_proved(claim, over):
    check(claim, over, "not PROVED")


@pytest.mark.parametrize("claim", ["x/x > 0", "sqrt(x)**2 >= -1", "exp(log(x)) >= x", "1/(1/x) >= -1"])
def test_no_simplification_before_evaluation(claim):
    r = check(claim, "x in [-1, 1]", "REFUTED")
    assert witness_verdict(claim, "x in [-1, 1]", r.witness) == "undefined"


def test_undefined_subexpression_cli():
    p = run_cli("prove", "x/x > 0", "--over", "x in [-1, 1]", "--json")
    assert p.returncode == 1, p.stderr
    out = json.loads(p.stdout)
    assert out["status"] == "REFUTED" and witness_verdict("x/x > 0", "x in [-1, 1]", out["witness"]) == "undefined"
    p = run_cli("prove", "exp(sqrt(x - 5)) >= 0", "--over", "x in [0, 1]")
    assert p.returncode in (1, 3), p.stdout


@pytest.mark.parametrize("claim,over", [
    ("x**(-2) > 0", "x in [-2, 1/2]"),     # 0 is no bisection midpoint of [-2, 1/2]
    ("x/x > 0", "x in [-1/2, oo)"),        # x = 0 is u = 2/3 after compactification
])
def test_undefined_at_a_rational_point_off_the_bisection_grid_is_refuted(claim, over):
    # the same class as x/x > 0 on [-1, 1], but the undefined point is not a midpoint of the
    # search's cells: the claim is false at x = 0 and should be REFUTED there
    r = check(claim, over, "not PROVED")
    assert r.status == "REFUTED", (r.status, r.reason)


@pytest.mark.parametrize("claim,over", [
    ("(2/x)**(1/2) <= 33", "x in (-4/5, 2]"),              # undefined for x < 0 (the corpus' random-050)
    ("x*exp(-x) <= 1/3", "x in [0, oo)"),                  # false near x = 1, a half-line
])
def test_a_false_claim_is_refuted_before_any_symbolic_work(claim, over, monkeypatch):
    """The float64 sampling's candidates, confirmed in arb, refute a false claim before the
    tangent cut, the end rewrites or the obligations (sympy) are tried: none of them runs."""
    from certify import forms, prover, tangent

    def forbidden(*args, **kwargs):
        raise AssertionError("symbolic work on a claim the sampling refutes")
    for module, name in ((tangent, "tangent_points"), (prover, "choose_form"), (forms, "choose_form"),
                         (prover, "_obligations")):
        monkeypatch.setattr(module, name, forbidden)
    r = prove(claim, over=over)
    assert r.status == "REFUTED" and r.cells == 0, (r.status, r.reason)


def test_a_counterexample_next_to_a_compactified_end_is_found_before_any_rewrite(monkeypatch):
    """The mutated twin of C.6.f_positive: false only for t below ~1e-6, which the sample of the
    compactified box proposes; it is confirmed on the slack as written before the end
    rewrites (which took 1.3 s) are tried."""
    from certify import rules

    def forbidden(*args, **kwargs):
        raise AssertionError("a symbolic rewrite for a claim the candidates refute")
    for name in ("scale_end", "drop_factors"):
        monkeypatch.setattr(rules, name, forbidden)
    r = prove("exp(b*(cos(pi*t) - 1))*sin(pi*t) > 1003141592653589793/10**24", over="t in (0, 1), b in (-oo, -2/3)")
    assert r.status == "REFUTED" and r.cells == 0, (r.status, r.reason)
    t, b = (Fraction(r.witness[v]) for v in ("t", "b"))
    assert 0 < t < 1 and b < Fraction(-2, 3)


@pytest.mark.parametrize("claim,over,status", [
    ("2*b/(1 + sqrt(1 + 4*b**2)) < b", "b in (0, 1/3]", "PROVED"),         # B.4.cos_tau_le_beta, strict
    ("acos(u)/pi < 1", "u in (-1, 0]", "PROVED"),                          # C.5.acos_below_pi
    ("2*b/(1 + sqrt(1 + 4*b**2)) < 99/100*b", "b in (0, 1/3]", "REFUTED"),  # the twin: false near 0
])
def test_bounded_but_undecided_ends_are_searched_before_any_rewrite(claim, over, status, monkeypatch):
    """The slack is bounded on the open end cells but does not decide there (it tends to 0):
    F itself is searched first, and the end rule or a derivative form closes those cells, so no
    sympy rewrite (the end scaling, the factored form) is tried; the certificate replays."""
    from certify import rules
    from certify.checker.bundle import check_certificate

    def forbidden(*args, **kwargs):
        raise AssertionError("a symbolic rewrite where F itself decides")
    for name in ("scale_end", "drop_factors"):
        monkeypatch.setattr(rules, name, forbidden)
    r = prove(claim, over=over)
    assert r.status == status, (r.status, r.reason)
    if status == "PROVED":
        assert check_certificate(r.certificate) > 0


# -- identities ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lhs,rhs,over", [
    ("sqrt(x**2*y)", "x*sqrt(y)", "x in [-1/1000, 1], y in [1, 2]"),
    ("abs(x)*sqrt(y)", "x*sqrt(y)", "x in [-1/1000, 1], y in [1, 2]"),
    ("x/x", "1", "x in [-1, 1]"),
    ("x/x", "1", "x in [0, 1]"),
    ("(x**2-1)/(x-1)", "x+1", "x in [0, 2]"),
    ("(x**2-1)/(x-1)", "x+1", "x in [1, 2]"),
    ("exp(log(x))", "x", "x in [-1, 1]"),
    ("exp(log(x))", "x", "x in [0, 1]"),
])
def test_false_identities_are_not_proved(lhs, rhs, over):
    r = Identity("i", "regression", lhs=lhs, rhs=rhs, over=over).run()
    assert r.status != "PROVED", (lhs, rhs, over)
    if r.status == "REFUTED":
        d = parse_domain(over)
        env = {n: Fraction(r.witness[n]) for n in d.names}
        from certify.expr.parse import parse_expr
        mpmath.mp.dps = 50
        a = mp_defined_value(parse_expr(lhs, d.names), env)
        b = mp_defined_value(parse_expr(rhs, d.names), env)
        assert (a is None) != (b is None) or (a is not None and abs(_mp(a) - _mp(b)) > 10 ** -40)


@pytest.mark.parametrize("lhs,rhs,over", [
    ("sqrt(x**2*y)", "x*sqrt(y)", "x in [0, 1], y in [1, 2]"),
    ("(x**2-1)/(x-1)", "x+1", "x in [2, 3]"),
])
def test_true_identities_are_proved(lhs, rhs, over):
    r = Identity("i", "regression", lhs=lhs, rhs=rhs, over=over).run()
    assert r.status == "PROVED", r.reason


# -- honest margins -------------------------------------------------------------------------------

def test_margin_of_atan_bound_contains_the_true_infimum():
    r = check("atan(x) < 1.6", "x in [0, oo)", "PROVED")
    mpmath.mp.dps = 60
    check_margin(r, mpmath.mpf("1.6") - mpmath.pi / 2)


def test_undecided_has_no_margin():
    r = prove("sin(x) > -1", "x in [-2, 3/2]", max_seconds=3)         # false only at -pi/2
    assert r.status == "UNDECIDED" and r.margin is None and r.certificate is None
    r = prove("(1 + 1/x)**x < E", "x in [1, oo)", max_seconds=3, max_cells=3000)
    assert r.status != "REFUTED"
    if r.status != "PROVED":
        assert r.margin is None


def test_refuted_has_no_margin():
    r = prove("exp(-x) > 0.0001", "x in [0, oo)")
    assert r.status == "REFUTED" and r.margin is None and r.certificate is None


# -- crashes and hangs --------------------------------------------------------------------------

def test_tiny_exponential_is_proved():
    r = check("exp(-10000*x) > 0", "x in [0, 1]", "PROVED")
    mpmath.mp.dps = 60
    check_margin(r, mpmath.exp(-10000))
    p = run_cli("prove", "exp(-10000*x) > 0", "--over", "x in [0, 1]")
    assert p.returncode == 0, p.stdout + p.stderr
    assert "e-4343" in p.stdout


def test_essential_singularity_at_open_end_returns_in_time():
    start = time.monotonic()
    p = run_process("prove", "exp(-1/x) > 0", "--over", "x in (0, 1]", "--max-seconds", "5", timeout=60)
    assert time.monotonic() - start < 15
    assert p.returncode in (0, 3), p.stdout + p.stderr
    assert "Traceback" not in p.stderr


def test_slow_limit_at_infinity_returns_in_time():
    start = time.monotonic()
    p = run_process("prove", "(1 + 1/x)**x < E", "--over", "x in [1, oo)", "--max-seconds", "5", timeout=60)
    assert time.monotonic() - start < 15, "did not return within 15 s"
    assert p.returncode in (0, 3), p.stdout + p.stderr          # true: never REFUTED
    assert "Traceback" not in p.stderr


def test_huge_integer_power_is_decided():
    # x**(10**100) is an integer power (even): Tape.exact raised OverflowError (exit 4)
    r = check("x**(10**100) >= 0", "x in [0, 1]")
    assert r.status == "PROVED"


def _limited(max_bytes=3 * 2 ** 30):
    import resource

    def setup():
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    return setup


def test_large_integer_power_respects_the_time_budget():
    # x**(2**40): exact rational evaluation of (1/2)**(2**40) at a midpoint needs 2**40 bits;
    # the claim must still be decided (or left UNDECIDED) within its time budget
    start = time.monotonic()
    try:
        p = subprocess.run([sys.executable, "-m", "certify.cli", "prove", "x**(2**40) >= 0", "--over",
                            "x in [0, 1]", "--max-seconds", "5"], capture_output=True, text=True,
                           timeout=40, cwd=ROOT, preexec_fn=_limited())
    except subprocess.TimeoutExpired:
        pytest.fail("no answer within 40 s (budget 5 s)")
    assert time.monotonic() - start < 15, "did not return within 15 s"
    assert p.returncode in (0, 3), (p.returncode, p.stdout, p.stderr[-300:])


def test_domain_end_beyond_float_range():
    # sampling converts the box ends to float64: 1e400 overflowed (internal error, exit 4)
    r = check("x >= 0", "x in [0, 1e400]")
    assert r.status == "PROVED"
    p = run_cli("prove", "x >= 0", "--over", "x in [1e-400, 1e400]")
    assert p.returncode == 0, p.stderr


# -- the simulator's parser -------------------------------------------------------------------------

def test_simulator_parser_does_not_run_python():
    from certify.simulate.interaction import parse_expression
    with pytest.raises(CertifyInputError):
        parse_expression("__import__('os').getpid() + 0*x")


# -- true claims proved, false claims refuted ------------------------------------------------------

mpmath.mp.dps = 60
TRUE = [
    ("log(x) < x", "x in (0, 10]", lambda: mpmath.mpf(1)),
    ("1/sin(x) > 0", "x in (0, 3]", lambda: mpmath.mpf(1)),
    ("sin(x) <= 1", "x in [0, 3]", lambda: mpmath.mpf(0)),
    ("x**2 >= 0", "x in [-1, 1]", lambda: mpmath.mpf(0)),
    ("sqrt(x) > 0", "x in (0, 1]", lambda: mpmath.mpf(0)),
    ("x*log(x) >= -0.5", "x in (0, 1]", lambda: mpmath.mpf("0.5") - 1 / mpmath.e),
    ("atan(x) < 1.6", "x in [0, oo)", lambda: mpmath.mpf("1.6") - mpmath.pi / 2),
    ("exp(-1/x) > 0", "x in (0, 1]", lambda: mpmath.mpf(0)),
    # the form with the positive factor dropped vanishes at the open end (sin x - 0.84 x at 0,
    # x - sin x to order 3): the end rule decides there
    ("sin(x)/x > 0.84", "x in (0, 1]", lambda: mpmath.sin(1) - mpmath.mpf("0.84")),
    ("1/x - 1/sin(x) < 0", "x in (0, 3]", lambda: mpmath.mpf(0)),
]


@pytest.mark.parametrize("claim,over,infimum", TRUE)
def test_true_claims_are_proved(claim, over, infimum):
    r = check(claim, over, "PROVED")
    mpmath.mp.dps = 60
    check_margin(r, infimum())


FALSE = [
    ("exp(-x) > 0.0001", "x in [0, oo)"),
    ("atan(x) < 1.5707963", "x in [0, oo)"),
    ("1/(x-0.5) < 100", "x in [0, 1]"),
    ("log(x) < x - 1", "x in [1/2, 2]"),
    ("sin(x)/x > 0.842", "x in (0, 1]"),
    ("1/x - 1/sin(x) < 0", "x in (0, 4]"),
]


@pytest.mark.parametrize("claim,over", FALSE)
def test_false_claims_are_refuted(claim, over):
    r = check(claim, over, "REFUTED")
    assert witness_verdict(claim, over, r.witness) in ("fails", "undefined")


def test_false_claim_cli_exit_code():
    p = run_cli("prove", "log(x) < x - 1", "--over", "x in [1/2, 2]", "--json")
    assert p.returncode == 1
    out = json.loads(p.stdout)
    assert witness_verdict("log(x) < x - 1", "x in [1/2, 2]", out["witness"]) == "fails"
