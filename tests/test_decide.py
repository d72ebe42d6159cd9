"""Issue 10's examples that needed a new general mechanism, each with a CLI/API test, a replay by
the independent checker with its fields tampered, and a harmful twin that must not be PROVED.

1. x e^{-x} <= e^{-1} on [0, oo): split at the tangent zero x = 1; the half-line half goes by
   the monotone tail, whose derivative (x - 1) e^{-x} is written as a sum by the chain rule;
   its sign is proved with the positive factor exp(-x) dropped (``prover.choose_form``: a form
   whose end cells never decide is replaced by the factored one).
2. x + y - 2 sqrt(xy) >= 0 on [0, 1]^2 (zero on the whole diagonal): the written-square rule
   (``certify.squares``) reads it as (sqrt(x) - sqrt(y))^2 * 1, a rewritten form whose algebra
   and per-cell conditions (F defined, the square >= 0) the checker replays.
   Its degenerate case: a slack identically 0 where defined (x/x - 1, exp(log x) - x) is the
   form G = 0 conditioned on F defined on every leaf.
3. x^x > 0.69 on (0, 1] (open end at 0, where x log x -> 0): the derivative of u^v, which needs
   u > 0, is u^v (v' log u + u') when v is u (both differentiators), so near 0 the derivative
   x^x (log x + 1) is certainly negative and the monotone form fixes x at the cell's closed end.
"""
import copy

import pytest

from _cli import run_cli          # the command line in this process
from certify import prove
from certify.checker.bundle import check_certificate
from certify.checker.terms import CheckError


def _rejected(cert):
    with pytest.raises(CheckError):
        check_certificate(cert)


def _tail_of(cert):
    """The tail certificate inside a split (the half on the half-line)."""
    return next(p for p in cert["parts"] if p["kind"] == "tail")


def test_exponential_tail_after_the_tangent_split():
    r = prove("x*exp(-x) <= exp(-1)", over="x in [0, oo)")
    assert r.status == "PROVED", r.reason
    assert r.seconds < 5
    cert = r.certificate
    assert cert["kind"] == "split" and cert["at"] == "1"
    assert check_certificate(cert) > 0
    tail = _tail_of(cert)
    assert tail["direction"] == "increasing"
    # the derivative's sign was proved with exp(-x) dropped
    kinds = [c["kind"] for c in tail["derivative"]["problem"]["form"]["conditions"]]
    assert "positive" in kinds
    for field, new in (("Z", "3/2"), ("direction", "decreasing"), ("margin", ["1/10", "1"])):
        bad = copy.deepcopy(cert)
        _tail_of(bad)[field] = new
        _rejected(bad)
    bad = copy.deepcopy(cert)
    _tail_of(bad)["derivative"]["claim"]["op"] = "<"
    _rejected(bad)
    bad = copy.deepcopy(cert)
    _tail_of(bad)["derivative"]["problem"]["form"]["conditions"].pop()
    _rejected(bad)


@pytest.mark.parametrize("claim, over", [("x*exp(-x) <= 0.36", "x in [0, oo)"),
                                         ("x*exp(-x) <= exp(-1) - 1/10**9", "x in [0, oo)"),
                                         ("x*exp(-x) < exp(-1)", "x in [0, oo)"),
                                         ("x**2*exp(-x) <= 0.54", "x in [0, oo)")])
def test_exponential_twins_are_not_proved(claim, over):
    assert prove(claim, over=over).status != "PROVED"


@pytest.mark.parametrize("claim", ["x**2*exp(-x) <= 4*exp(-2)", "sqrt(x)*exp(-x) <= 0.43",
                                   "x**3*exp(-x) < 1.4", "x*exp(-2*x) < 0.19"])
def test_other_exponential_tails(claim):
    r = prove(claim, over="x in [0, oo)")
    assert r.status == "PROVED", r.reason
    assert check_certificate(r.certificate) > 0


def _rehashed(cert, **claim):
    from certify.checker.forall import claim_hash
    bad = copy.deepcopy(cert)
    bad["claim"].update(claim)
    bad["hash"] = claim_hash(bad["claim"])
    return bad


def test_written_square_on_the_diagonal():
    r = prove("x + y - 2*sqrt(x*y) >= 0", over="x in [0, 1], y in [0, 1]")
    assert r.status == "PROVED", r.reason
    assert r.seconds < 5 and r.margin[0] == "0"
    cert = r.certificate
    form = cert["problem"]["form"]
    assert form["expr"] == "1" and [c["kind"] for c in form["conditions"]] == ["defined", "nonnegative"]
    assert check_certificate(cert) > 0
    for change in ("expr", "square", "kind", "drop", "margin"):
        bad = copy.deepcopy(cert)
        f = bad["problem"]["form"]
        if change == "expr":
            f["expr"] = "2"
        elif change == "square":
            f["conditions"][1]["expr"] = "(sqrt(x) + sqrt(y))**2"
        elif change == "kind":
            f["conditions"][1]["kind"] = "multiplier"
        elif change == "drop":
            f["conditions"].pop()
        else:
            bad["margin"] = ["1/100", "1"]
        _rejected(bad)
    # the same certificate cannot prove the strict claim, nor the claim where sqrt(x*y) is undefined
    _rejected(_rehashed(cert, op=">"))
    _rejected(_rehashed(cert, domain="x in [-1, 1], y in [0, 1]"))


@pytest.mark.parametrize("claim, over", [("x + y - 2*sqrt(x*y) >= 1/1000", "x in [0, 1], y in [0, 1]"),
                                         ("x + y - 2.01*sqrt(x*y) >= 0", "x in [0, 1], y in [0, 1]"),
                                         ("x + y - 2*sqrt(x*y) > 0", "x in [0, 1], y in [0, 1]"),
                                         ("x + y - 2*sqrt(x*y) >= 0", "x in [-1, 1], y in [0, 1]"),
                                         ("x + y - 2*sqrt(x*y) >= 0", "x in [0, 1], y in [-1/10, 1]")])
def test_written_square_twins_are_refuted(claim, over):
    assert prove(claim, over=over).status == "REFUTED"


@pytest.mark.parametrize("claim, over", [("x**2 - 2*x*y + y**2 >= 0", "x in [-1, 1], y in [-1, 1]"),
                                         ("x + 1 - 2*sqrt(x) >= 0", "x in [0, 4]"),
                                         ("(x - y)**2*exp(x) >= 0", "x in [-1, 1], y in [-1, 1]")])
def test_other_written_squares(claim, over):
    r = prove(claim, over=over)
    assert r.status == "PROVED", r.reason
    assert check_certificate(r.certificate) > 0


def test_quadratic_sum_of_squares_on_a_line_of_zeros():
    """x^2 + y^2 + z^2 >= xy + yz + zx vanishes on the line x = y = z: the Gram matrix's exact
    LDL^T gives a sum of squares equal to the slack, the checker proves the identity."""
    claim, over = "x**2 + y**2 + z**2 >= x*y + y*z + z*x", "x in [-1, 1], y in [-1, 1], z in [-1, 1]"
    r = prove(claim, over=over)
    assert r.status == "PROVED" and r.cells == 1 and r.margin[0] == "0", r.reason
    assert check_certificate(r.certificate) > 0
    bad = copy.deepcopy(r.certificate)
    bad["problem"]["form"]["expr"] = bad["problem"]["form"]["expr"].replace("**2", "**2 + 1/1000", 1)
    _rejected(bad)
    _rejected(_rehashed(r.certificate, rhs="x*y + y*z + z*x + 1/1000"))


@pytest.mark.parametrize("claim, over, status", [
    ("x**2 + y**2 + z**2 >= x*y + y*z + 1.01*z*x", "x in [-1, 1], y in [-1, 1], z in [-1, 1]", "REFUTED"),
    ("x**2 + y**2 + z**2 > x*y + y*z + z*x", "x in [-1, 1], y in [-1, 1], z in [-1, 1]", "REFUTED"),
    ("2*x**2 + 2*x*y + y**2 - 2*x + 1 >= 0", "x in [-3, 3], y in [-3, 3]", "PROVED"),
    # a square plus a remainder that is >= 0 on the domain only, 0 at its corner a = 2, x = 1
    ("x**2 - a*x + 1 >= 0", "a in [0, 2], x in [-5, 5]", "PROVED"),
    ("x**2 - a*x + 1 >= 0", "a in [0, 2.01], x in [-5, 5]", "REFUTED")])
def test_quadratic_sum_of_squares_twins(claim, over, status):
    assert prove(claim, over=over).status == status


def _leaves(node):
    return [node] if "leaf" in node else [leaf for c in node["children"] for leaf in _leaves(c)]


def test_x_to_the_x_at_its_open_end():
    r = prove("x**x > 0.69", over="x in (0, 1]")
    assert r.status == "PROVED", r.reason
    assert r.seconds < 5 and "monotone" in r.methods
    cert = r.certificate
    assert check_certificate(cert) > 0
    bad = copy.deepcopy(cert)
    for leaf in _leaves(bad["tree"]):
        if leaf["leaf"] == "monotone":
            leaf["leaf"] = "plain"
    _rejected(bad)
    bad = copy.deepcopy(cert)
    bad["margin"] = ["1/100", bad["margin"][1]]
    _rejected(bad)
    _rejected(_rehashed(cert, rhs="0.6923"))
    _rejected(_rehashed(cert, domain="x in [-1, 1]"))


@pytest.mark.parametrize("claim, over", [("x**x > 0.6923", "x in (0, 1]"), ("x**x >= 0.7", "x in (0, 1]"),
                                         ("x**x > 0.69", "x in [-1, 1]")])
def test_x_to_the_x_twins_are_refuted(claim, over):
    assert prove(claim, over=over).status == "REFUTED"


ZERO_SLACKS = [("x/x >= 1", "x in (0, 1]"), ("exp(log(x)) >= x", "x in (0, 1]"),
               ("(x**2-1)/(x-1) >= x + 1", "x in (1, 2]"), ("sqrt(x)*sqrt(x) >= x", "x in [0, 1]"),
               ("log(x**2) - 2*log(x) >= 0", "x in [1, 2]"), ("log(exp(x)) <= x", "x in [-5, 5]")]


@pytest.mark.parametrize("claim, over", ZERO_SLACKS)
def test_identically_zero_slack_is_its_definedness(claim, over):
    r = prove(claim, over=over)
    assert r.status == "PROVED", r.reason
    cert = r.certificate
    assert cert["problem"]["form"]["expr"] == "0"
    assert check_certificate(cert) > 0
    bad = copy.deepcopy(cert)
    bad["problem"]["form"]["expr"] = "1/1000"
    _rejected(bad)
    bad = copy.deepcopy(cert)
    bad["problem"]["form"]["conditions"] = []
    _rejected(bad)
    _rejected(_rehashed(cert, op=cert["claim"]["op"].rstrip("=")))


@pytest.mark.parametrize("claim, over", [("x/x >= 1", "x in [-1, 1]"), ("(x**2-1)/(x-1) >= x + 1", "x in [1, 2]"),
                                         ("exp(log(x)) >= x", "x in [-1, 1]"), ("x/x > 1", "x in (0, 1]"),
                                         ("sqrt(x)*sqrt(x) >= x", "x in [-1/10, 1]")])
def test_identically_zero_twins_are_refuted(claim, over):
    assert prove(claim, over=over).status == "REFUTED"


def test_a_certificate_of_a_zero_slack_does_not_prove_it_where_undefined():
    cert = prove("x/x >= 1", over="x in (0, 1]").certificate
    _rejected(_rehashed(cert, domain="x in [0, 1]"))


@pytest.mark.parametrize("claim, status", [("1/(1+x**2) > 0", "PROVED"), ("exp(-x**2) <= 1", "PROVED"),
                                           ("x*exp(1-x) <= 1", "PROVED"), ("1/(1+x**2) > 0.00000001", "REFUTED"),
                                           ("exp(-x**2) < 1", "REFUTED"), ("x*exp(1-x) <= 0.99", "REFUTED")])
def test_two_sided_infinite_range_is_split_at_zero(claim, status):
    r = prove(claim, over="x in (-oo, oo)")
    assert r.status == status, r.reason
    if status == "PROVED":
        cert = r.certificate
        assert cert["kind"] == "split" and cert["at"] == "0"
        assert check_certificate(cert) > 0
        for field, new in (("at", "1"), ("margin", ["1", "2"])):
            bad = copy.deepcopy(cert)
            bad[field] = new
            _rejected(bad)
        bad = copy.deepcopy(cert)
        bad["parts"] = bad["parts"][::-1]
        _rejected(bad)
    else:
        from certify.checker.bundle import check_witness
        check_witness("inequality", {"lhs": claim.split(" ")[0], "op": claim.split(" ")[1],
                                     "rhs": claim.split(" ")[2], "domain": "x in (-oo, oo)"}, r.witness)


def test_refutation_reports_the_slack_as_written():
    """The witness value is F's at the witness, not the searched form's (x e^{1-x} <= 0.99
    fails by 0.01 at x = 1)."""
    r = prove("x*exp(1-x) <= 0.99", over="x in (-oo, oo)")
    assert r.status == "REFUTED" and r.witness == {"x": "1"}
    assert abs(float(r.witness_value[0]) + 0.01) < 1e-9


@pytest.mark.parametrize("claim, over", [("acos(x) <= pi", "x in [-1, 1]"), ("asin(x) >= -pi/2", "x in [-1, 1]"),
                                         ("acos(x) < pi", "x in (-1, 1]")])
def test_end_rule_with_an_infinite_derivative_at_the_end(claim, over):
    """pi - acos(x) vanishes at -1 where its derivative 1/sqrt(1 - x^2) is infinite: the end
    rule needs d F only on the cell open at the end (the Lagrange point), in both kernels."""
    r = prove(claim, over=over)
    assert r.status == "PROVED", r.reason
    assert any(m.startswith("end-order-1") for m in r.methods)
    assert check_certificate(r.certificate) > 0
    bad = copy.deepcopy(r.certificate)
    bad["problem"]["end_rules"][0]["order"] = 2
    _rejected(bad)


@pytest.mark.parametrize("claim, over", [("acos(x) <= pi - 1/10**9", "x in [-1, 1]"), ("acos(x) < pi", "x in [-1, 1]")])
def test_end_rule_twins_are_refuted(claim, over):
    assert prove(claim, over=over).status == "REFUTED"


def test_a_point_quotient_is_rounded_once_in_both_kernels():
    """x/x at an exact point is exactly 1, so acos(x/x) = 0 there and the false claim is refuted
    with a witness the checker accepts (two roundings made acos's input leave [-1, 1])."""
    from certify.checker.bundle import check_witness
    claim = {"lhs": "acos((x / x))", "op": ">", "rhs": "0.0000005", "domain": "x in (-3, -1/2]"}
    r = prove("acos((x / x)) > 0.0000005", over="x in (-3, -1/2]")
    assert r.status == "REFUTED"
    check_witness("inequality", claim, r.witness)


def test_strict_claim_with_an_exact_zero_is_refuted_and_the_witness_checks():
    from certify.checker.bundle import check_witness
    claim = {"lhs": "x*exp(-x)", "op": "<", "rhs": "exp(-1)", "domain": "x in [0, oo)"}
    r = prove("x*exp(-x) < exp(-1)", over="x in [0, oo)")
    assert r.status == "REFUTED" and r.witness == {"x": "1"}
    check_witness("inequality", claim, r.witness)
    for other in ({**claim, "op": "<="}, claim):          # non-strict: no refutation; another point
        with pytest.raises(CheckError):
            check_witness("inequality", other, r.witness if other is not claim else {"x": "2"})


def test_refutation_near_an_open_end():
    """The infimum 0 of 3 log(y) is approached at y -> 1+ (open): the sample looks there."""
    r = prove("(log(y) * x) > 0.0005000009", over="x in [3, 13/4], y in (1, 4]")
    assert r.status == "REFUTED"
    assert prove("(log(y) * x) > 0", over="x in [3, 13/4], y in (1, 4]").status == "PROVED"


@pytest.mark.parametrize("claim, over", [("abs(x) >= x", "x in [-1, 1]"), ("sqrt(x**2) >= x", "x in [-1, 1]"),
                                         ("max(x, 0) >= x", "x in [-2, 3]")])
def test_slack_zero_on_a_half_is_cut_at_the_end_of_the_zero_run(claim, over):
    """|x| - x is 0 on [0, 1]: no cell there decides by enclosure; cut at 0, the half [0, 1] is
    the identical-zero rule's and [-1, 0] an end rule's."""
    r = prove(claim, over=over)
    assert r.status == "PROVED" and r.certificate["kind"] == "split" and r.certificate["at"] == "0", r.reason
    assert check_certificate(r.certificate) > 0


@pytest.mark.parametrize("claim, over", [("abs(x) >= x + 1/1000", "x in [-1, 1]"), ("abs(x) > x", "x in [-1, 1]"),
                                         ("sqrt(x**2) >= 1.001*x", "x in [-1, 1]"),
                                         ("max(x, 0) >= x + 1/10**9", "x in [-2, 3]")])
def test_zero_run_twins_are_refuted(claim, over):
    assert prove(claim, over=over).status == "REFUTED"


@pytest.mark.parametrize("claim, over", [("x*exp(-x) <= exp(-1)", "x in [0, oo)"),                  # exponential tail
                                         ("x + y - 2*sqrt(x*y) >= 0", "x in [0, 1], y in [0, 1]"),   # written square
                                         ("x**x > 0.69", "x in (0, 1]")])                            # u^u at 0
def test_decided_from_the_command_line_and_rechecked(claim, over, tmp_path):
    path = tmp_path / "c.json"
    p = run_cli("prove", claim, "--over", over, "--certificate", str(path))
    assert p.returncode == 0 and p.stdout.startswith("PROVED"), p.stdout + p.stderr
    q = run_cli("check", str(path))
    assert q.returncode == 0 and q.stdout.startswith("OK"), q.stdout + q.stderr
