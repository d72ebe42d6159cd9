"""Engine regression tests: one per pitfall of GUIDE §2, known extrema, exit codes."""
import json
import subprocess
import sys

import pytest
import sympy
from flint import arb

from certify.balls import interval_text
from certify.check import CheckError, check_certificate
from certify.claims import Identity, Inequality
from certify.domain import parse_domain
from certify.errors import CertifyInputError, ExactnessError
from certify.exact import to_rational
from certify.mutation import mutated_twin
from certify.parse import parse_expr, parse_relation
from certify.prover import bound_extremum, prove_inequality
from certify.translate import ArbFunction

z = sympy.Symbol("z", real=True)
G1 = "sqrt(2*z)*(2*z-3)*exp(-z)"


def prove(text, over):
    d = parse_domain(over)
    return prove_inequality(*parse_relation(text, d.names), d)


# -- exact numbers (GUIDE §2: arb(0.1) is the binary double) -----------------------------------
@pytest.mark.parametrize("text,value", [("0.18", sympy.Rational(9, 50)), ("-1.381", sympy.Rational(-1381, 1000)),
                                        ("1e-3", sympy.Rational(1, 1000)), ("2/3", sympy.Rational(2, 3))])
def test_decimal_text_is_exact(text, value):
    assert to_rational(text) == value


@pytest.mark.parametrize("bad", [0.1, sympy.Float("0.1")])
def test_floats_are_refused(bad):
    with pytest.raises(ExactnessError):
        to_rational(bad)


def test_float_in_expression_is_refused():
    with pytest.raises(CertifyInputError):
        ArbFunction(sympy.Float("0.1") * z, [z])


def test_decimal_literal_parses_exactly():
    assert parse_expr("0.1*z", ["z"]) == sympy.Rational(1, 10) * z


# -- translation -------------------------------------------------------------------------------
def test_rationals_not_floats():
    # lambdify would turn 1/3 into the double 0.333...; our walker keeps it exact to the precision
    v = ArbFunction(sympy.Rational(1, 3) * 3 - 1, [])()
    assert v.contains(0) and v.rad() < 1e-30


def test_square_of_ball_around_zero_is_not_nan():
    # python-flint issue 8: x ** 2 on a ball with midpoint 0 gives NaN; integer powers multiply
    v = ArbFunction(z ** 2, [z])(arb(0, 1))
    assert v.is_finite()


def test_sqrt_at_domain_edge_is_clipped_only_after_obligation():
    strict = ArbFunction(sympy.sqrt(z), [z])(arb("[0 +/- 1e-10]"))
    assert not strict.is_finite()
    clipped = ArbFunction(sympy.sqrt(z), [z], clip=[z])(arb("[0 +/- 1e-10]"))
    assert clipped.is_finite()
    assert prove("sqrt(z) > -1/1000", "z in [0, 1]").status == "PROVED"


def test_acos_at_one_is_not_nan_when_domain_allows():
    assert prove("acos(1 - z) > -1/1000", "z in [0, 1]").status == "PROVED"


def test_undefined_expression_is_never_proved():
    # sqrt(z - 1) is undefined on [0, 1): the obligation fails, so the claim is not proved
    assert prove("sqrt(z - 1) + 1 > 0", "z in [0, 2]").status != "PROVED"


# -- three-valued comparisons ------------------------------------------------------------------
def test_undecided_comparison_is_not_proof():
    x = arb(0, 1)
    assert not (x > 0) and not (x <= 0)     # the trap: both False
    assert prove("z - 1/2 > 0", "z in [0, 1]").status == "REFUTED"


def test_bounds_printed_with_both_ends():
    lo, hi = interval_text(arb(2).sqrt())
    assert lo < hi and lo.startswith("1.414")


# -- known extrema: g1 min -1.380119046, max 0.374896929 ---------------------------------------
def test_g1_lower_bound_proved_and_twin_not():
    r = prove(f"{G1} > -1.381", "z in [0, oo)")
    assert r.status == "PROVED"
    assert prove(f"{G1} > -1.3801", "z in [0, oo)").status != "PROVED"
    claim = Inequality("g1", "", lhs=G1, op=">", rhs="-1.381", over="z in [0, oo)")
    assert mutated_twin(claim, r).run().status != "PROVED"


def test_g1_upper_bound_proved_and_twin_not():
    assert prove(f"{G1} < 0.375", "z in [0, oo)").status == "PROVED"
    assert prove(f"{G1} < 0.3748", "z in [0, oo)").status != "PROVED"


def test_bound_encloses_known_extrema():
    d = parse_domain("z in [0, 20]")
    lo, hi, _ = bound_extremum(parse_expr(G1, ["z"]), d, "min")
    assert lo <= sympy.Rational("-1.380119046") <= hi or abs(float(lo) + 1.380119046) < 1e-8
    lo, hi, _ = bound_extremum(parse_expr(G1, ["z"]), d, "max")
    assert lo <= sympy.Rational("0.374896929") <= hi


# -- open ends and unbounded ranges ------------------------------------------------------------
def test_open_end_degenerate_equality():
    assert prove("1-3*b < 0", "b in (1/3, oo)").status == "PROVED"
    assert prove("1-3*b < 0", "b in [1/3, oo)").status == "REFUTED"


def test_unbounded_range_is_not_truncated():
    # true on [1, 1000] but false for b > 1000: a truncated search would say PROVED
    assert prove("b < 1001", "b in [1, oo)").status == "REFUTED"
    assert prove("exp(-b) > 0", "b in [0, oo)").status == "PROVED"
    assert prove("1/b > 0", "b in [1, oo)").status == "PROVED"


def test_paper_example_b4():
    assert prove("(1+3*b)*exp(b**2-b)*pi/2 < 2", "b in (0, 0.148]").status == "PROVED"
    assert prove("(1+3*b)*exp(b**2-b)*pi/2 < 2", "b in (0, 0.16]").status != "PROVED"


def test_multivariate():
    assert prove("z*b + 1 > 0", "b in (1/3, 1/2), z in [0, 1]").status == "PROVED"
    assert prove("z*b - 1/4 > 0", "b in (1/3, 1/2), z in [0, 1]").status == "REFUTED"


# -- identities --------------------------------------------------------------------------------
def test_identity_proved_symbolically_refuted_by_arb():
    assert Identity("i", "", lhs="sin(x)**2 + cos(x)**2", rhs="1", over="x in [0, 1]").run().status == "PROVED"
    r = Identity("j", "", lhs="sin(x)**2 + cos(x)**2", rhs="1.0000001", over="x in [0, 1]").run()
    assert r.status == "REFUTED" and r.witness


# -- certificates ------------------------------------------------------------------------------
def test_certificate_roundtrip_and_tamper_detection():
    r = prove(f"{G1} > -1.381", "z in [0, oo)")
    cert = json.loads(json.dumps(r.certificate, sort_keys=True))
    assert check_certificate(cert) > 0
    body = cert["body"]
    body["problem"]["expr"] = body["problem"]["expr"].replace("3", "4", 1)
    with pytest.raises(CheckError):
        check_certificate(cert)


def test_certificate_is_deterministic():
    a = json.dumps(prove("z**3 - z + 1 > 0", "z in [0, 2]").certificate, sort_keys=True)
    b = json.dumps(prove("z**3 - z + 1 > 0", "z in [0, 2]").certificate, sort_keys=True)
    assert a == b


# -- command line ------------------------------------------------------------------------------
def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "certify.cli", *args], capture_output=True, text=True)


@pytest.mark.parametrize("args,code", [
    ((f"{G1} > -1.381", "--over", "z in [0, oo)"), 0),
    ((f"{G1} > -1.3801", "--over", "z in [0, oo)"), 1),
    (("1-3*b < 0", "--over", "b in (1/3, oo)"), 0),
    (("x > 0", "--over", "x in [1, 0]"), 2),
    (("x > 0", "--over", "x in (0, 0)"), 2),
    (("y > 0", "--over", "x in [0, 1]"), 2),
    (("x > 0.1.2", "--over", "x in [0, 1]"), 2),
    (("(lambda: 1)() > 0", "--over", "x in [0, 1]"), 2),
    (("x.real > 0", "--over", "x in [0, 1]"), 2),
])
def test_prove_exit_codes(args, code):
    p = run_cli("prove", *args)
    assert p.returncode == code, p.stderr
    if code == 2:
        assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1


def test_no_code_execution():
    p = run_cli("prove", "__import__('os').system('echo pwned') > 0", "--over", "x in [0, 1]")
    assert p.returncode == 2 and "pwned" not in p.stdout + p.stderr


def test_pole_at_open_end_is_tamed_exactly():
    # p(-1 - 2/b) of Lemma B.1 has a pole at the open end b = 0: multiplied by b > 0 it is finite
    p = "-(z + 3*b*z**2 - 4*b*(1 - z**2) - 6*b**2*z*(1 - z**2) + b**3*(1 - z**2)**2)"
    expr = p.replace("z", "(-1 - 2/b)")
    r = prove(f"{expr} > 0", "b in (0, 1/3]")
    assert r.status == "PROVED" and r.margin_kind == "transformed"
    assert check_certificate(json.loads(json.dumps(r.certificate))) > 0
    assert prove("1/b - 1/b**2 > 0", "b in (0, 1/2]").status == "REFUTED"
    assert prove("1/b > 0", "b in [0, 1]").status != "PROVED"     # a closed end is never tamed


def test_removable_singularity_is_rewritten_and_the_rewrite_proved():
    # GUIDE §2: (sqrt(1+4b^2)-1)/(2b) is 0/0 at b = 0; the rewrite 2b/(sqrt(1+4b^2)+1) is proved equal
    ident = Identity("tau_arg", "", lhs="(sqrt(1+4*b**2)-1)/(2*b)", rhs="2*b/(sqrt(1+4*b**2)+1)",
                     over="b in (0, oo)")
    assert ident.run().status == "PROVED"
    assert prove("2*b/(sqrt(1+4*b**2)+1) < 1", "b in [0, oo)").status == "PROVED"


def test_runner_reports_and_checker_end_to_end(tmp_path):
    # claims travel to worker processes as sympy data (arb values do not pickle)
    from certify.check import check_file
    from certify.claims import Human, Lemma
    from certify.report import write_reports
    from certify.runner import run_lemmas
    lemma = Lemma("T.1", "demo", "demo", beta="[1, 2]", claims=(
        Inequality("T.1.a", "g1 lower bound", lhs=G1, op=">", rhs="-1.381", over="z in [0, oo)"),
        Inequality("T.1.b", "printed and false", lhs="b", op="<", rhs="3/2", over="b in {beta}"),
        Human("T.1.c", "glue", reasoning="because")), errata=(("T.1.b", "false as printed"),))
    grouped = run_lemmas([lemma], jobs=2, progress=False)
    assert [o.result.status for o in grouped[0][1]] == ["PROVED", "REFUTED", "HUMAN"]
    write_reports(grouped, str(tmp_path), "test")
    assert "REFUTED" in (tmp_path / "ERRATA.md").read_text()
    cells, skipped = check_file(str(tmp_path / "certificate.json"))
    assert cells > 0 and not skipped
