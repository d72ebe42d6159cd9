"""Lemma A.3 as printed, acos((sqrt(1+4x^2)-1)/(2x)) < 1/sqrt(x) on (0, oo) (issue 10's last
example), and the three mechanisms it needed, each with its checker replay, tampered
certificates and false twins:

1. the inverse rule (``certify.inverse``, kind ``inverse``): g(A) < B from B in range g, A in
   dom g and A > h(B) for the decreasing acos (h = cos), on the tail [9, oo);
2. the compactifying power (``certify.growth``): x = a - 1 + 1/u^2 makes cos(1/sqrt(x))
   analytic at u = 0, so the end rule of order 4 closes the cells at infinity;
3. a form rewritten at an end where F as written is undefined (``forms._rewritten_at_ends``):
   1/u^2 cancels, and the rewritten form vanishes at u = 0.
"""
import copy

import pytest

from certify import prove
from certify.checker.bundle import check_certificate
from certify.checker.terms import CheckError
from certify.domain import parse_domain
from certify.expr.parse import parse_expr
from certify.growth import compactifying_power
from certify.inverse import prove_inverse, singular_at_an_end
from certify.prover import attach_claim, claim_record
from certify.search import Budget

A3 = "acos((sqrt(1+4*x**2)-1)/(2*x)) < 1/sqrt(x)"
TAIL = "(sqrt(1+4*x**2)-1)/(2*x) > cos(1/sqrt(x))"


def _rejected(cert):
    with pytest.raises(CheckError):
        check_certificate(cert)


@pytest.fixture(scope="module")
def a3():
    r = prove(A3, over="x in (0, oo)", max_seconds=30)
    assert r.status == "PROVED" and "inverse of acos" in r.reason, r
    return r


def _inverse_part(cert):
    return next(p for p in cert["parts"] if p["kind"] == "inverse")


def test_lemma_A3_as_printed_is_proved_and_checked(a3):
    assert a3.margin[0] == "0"            # the slack tends to 0 at infinity
    assert check_certificate(a3.certificate) > 0


@pytest.mark.parametrize("tamper", [
    lambda c: _inverse_part(c).update(function="asin"),
    lambda c: _inverse_part(c)["parts"].pop(),
    lambda c: _inverse_part(c)["parts"].reverse(),
    lambda c: _inverse_part(c)["parts"][-1]["claim"].update(op=">="),
    lambda c: _inverse_part(c)["parts"][-1]["claim"].update(domain="x in [10, oo)"),
    lambda c: _inverse_part(c).update(margin=["1/1000", _inverse_part(c)["margin"][1]]),
    lambda c: _inverse_part(c).update(margin=["0", "1/10**9"]),
])
def test_tampered_inverse_certificates_are_rejected(a3, tamper):
    cert = copy.deepcopy(a3.certificate)
    tamper(cert)
    _rejected(cert)


@pytest.mark.parametrize("claim", ["acos((sqrt(1+4*x**2)-1)/(2*x)) < 1/sqrt(x) - 1/1000",
                                   "acos((sqrt(1+4*x**2)-1)/(2*x)) < 99/(100*sqrt(x))"])
def test_A3_twins_are_refuted(claim):
    assert prove(claim, over="x in (0, oo)", max_seconds=20).status == "REFUTED"


@pytest.mark.parametrize("lhs, op, rhs, over, decided", [
    ("sqrt(x)", "<", "x + 1/2", "x in [0, 4]", True),          # x < (x + 1/2)^2
    ("exp(x)", "<", "3", "x in [0, 1]", True),                   # x < log 3
    ("log(x)", "<", "x", "x in (0, 10]", True),                  # x < exp(x)
    ("asin(x)", "<=", "x + 1", "x in [0, 1/2]", True),           # x <= sin(x + 1)
    ("atan(x)", "<", "8/5", "x in [0, 1]", False),               # 8/5 > pi/2: outside atan's range
    ("acos(x)", ">", "x", "x in [0, 1/2]", True),                # x < cos(x)
    ("(1 + 1/x)**x", "<", "E", "x in [1, oo)", True),             # x log(1 + 1/x) < 1
    ("2", "<=", "(1 + 1/x)**x", "x in [1, oo)", True),            # the power on the right
    ("(x - 1)**x", "<", "2", "x in [1, 2]", False),               # x - 1 > 0 fails at x = 1
    ("acos(x)", ">", "x", "x in [-1/2, 1/2]", False),            # x < 0 is outside acos's range
])
def test_the_rule_for_each_function_of_the_table(lhs, op, rhs, over, decided):
    d = parse_domain(over)
    L, R = parse_expr(lhs, d.names), parse_expr(rhs, d.names)
    r = prove_inverse(L, op, R, d, Budget(seconds=20).started(), None)
    assert (r is not None) == decided
    if decided:
        attach_claim(r.certificate, claim_record(L, op, R, d))
        assert check_certificate(r.certificate) > 0


@pytest.mark.parametrize("lhs, rhs, over, first", [
    ("acos((sqrt(1+4*x**2)-1)/(2*x))", "1/sqrt(x)", "x in (0, oo)", True),     # A -> 1 at infinity
    ("asin(1 - x)", "2", "x in [0, 1]", False),                                # a finite end: the end rule
    ("sqrt(1/x)", "2", "x in [1, oo)", True),
    ("acos(x/2)", "2", "x in [0, 1]", False),
    ("atan(x)", "2", "x in [0, oo)", False),                                   # atan' is finite
])
def test_the_rule_goes_first_where_A_tends_to_an_infinite_derivative(lhs, rhs, over, first):
    d = parse_domain(over)
    assert singular_at_an_end(parse_expr(lhs, d.names), "<", parse_expr(rhs, d.names), d) == first


def test_a_real_power_goes_through_exp_and_its_twins_are_not_proved():
    r = prove("(1+1/x)**x < E", over="x in [1, oo)", max_seconds=20)
    assert r.status == "PROVED" and "exp(v log u)" in r.reason and check_certificate(r.certificate) > 0
    for tamper in (lambda c: c["parts"][-1]["claim"].update(op="<="), lambda c: c.update(function="exp"),
                   lambda c: c["parts"].pop(1)):
        cert = copy.deepcopy(r.certificate)
        tamper(cert)
        _rejected(cert)
    assert prove("(1+1/x)**x < 2.718", over="x in [1, oo)", max_seconds=20).status == "REFUTED"
    assert prove("(1+1/x)**x > 2", over="x in [1, oo)", max_seconds=20).status == "REFUTED"


def test_compactifying_power_follows_the_roots():
    power = lambda text: compactifying_power(parse_expr(text, ("x",)), "x")    # noqa: E731
    assert [power(t) for t in ("x**2 + 1", "sqrt(1 + 4*x**2)", "sqrt(x)", "cos(1/sqrt(x))", "x**(1/3)",
                               "exp(sqrt(x))", "x**(1/5)", "sqrt(abs(x))", "sqrt(log(x))")] == [1, 1, 2, 2, 3, 2, 1, 2, 1]


def test_the_tail_in_the_square_map_is_proved_and_the_power_is_checked():
    r = prove(TAIL, over="x in [8, oo)", max_seconds=20)
    assert r.status == "PROVED" and r.certificate["powers"] == {"x": 2}
    assert check_certificate(r.certificate) > 0
    for bad in ({"x": 1}, {"x": 3}, {"x": 9}, {"x": "2"}, {"y": 2}):
        cert = copy.deepcopy(r.certificate)
        cert["powers"] = bad
        _rejected(cert)


@pytest.mark.parametrize("claim", [TAIL + " + 1/10**6", "(sqrt(1+4*x**2)-1)/(2*x) > cos(1/sqrt(x)*(1 - 1/10**4))"])
def test_tail_twins_are_not_proved(claim):
    assert prove(claim, over="x in [8, oo)", max_seconds=10).status != "PROVED"


def test_a_removable_end_is_rewritten_and_closed_by_the_end_rule():
    r = prove("(sqrt(1+4*(7+1/u**2)**2)-1)/(2*(7+1/u**2)) > cos(1/sqrt(7+1/u**2))", over="u in (0, 1]",
              max_seconds=20)
    assert r.status == "PROVED" and any(k.startswith("end-order-4") for k in r.methods), r.methods
    assert check_certificate(r.certificate) > 0
