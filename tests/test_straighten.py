"""Domain ends that are expressions: exact constants (x in [0, pi]) and ranges that depend on
another variable (z in [0, 2*b]), proved on the straightened box (certify/straighten.py) and
replayed by the checker (certify/checker/straighten.py)."""
import copy

import pytest

from certify.api import bound, prove
from certify.checker.bundle import check_certificate, check_witness
from certify.checker.terms import CheckError
from certify.domain import parse_domain
from certify.errors import CertifyInputError


def _proved(claim, over):
    r = prove(claim, over=over)
    assert r.status == "PROVED", (claim, over, r)
    assert check_certificate(r.certificate) > 0
    return r


def _witness_checks(claim, over, r):
    lhs, op, rhs = _split(claim)
    record = {"lhs": lhs, "op": op, "rhs": rhs, "domain": str(parse_domain(over))}
    check_witness("inequality", record, r.witness)


def _split(claim):
    for op in ("<=", ">=", "<", ">"):
        if op in claim:
            lhs, rhs = claim.split(op)
            return lhs.strip(), op, rhs.strip()
    raise AssertionError(claim)


@pytest.mark.parametrize("claim, over", [
    ("sin(x) >= 0", "x in [0, pi]"),
    ("sin(x) > 0", "x in (0, pi)"),
    ("cos(x) >= -1/2", "x in [-2*pi/3, 2*pi/3]"),
    ("x - pi < 0", "x in [0, pi)"),
    ("exp(-x) > 0", "x in [pi, oo)"),
    ("sin(x) <= 1", "0 <= x <= pi"),
    ("x**2 <= 2", "x in [-sqrt(2), sqrt(2)]"),
])
def test_constant_ends_proved_and_replayed(claim, over):
    r = _proved(claim, over)
    assert r.certificate["kind"] == "straighten"
    assert r.certificate["claim"]["domain"] == str(parse_domain(over))


@pytest.mark.parametrize("claim, over", [
    ("sin(x) > 0", "x in [0, pi]"),                       # 0 at x = 0
    ("sin(x) >= 0", "x in [0, pi + 1/1000]"),             # negative just below the irrational end
    ("x**2 < 19/10", "x in [-sqrt(2), 1]"),
    ("z <= 2*b - 1/100", "b in [1, 2], z in [0, 2*b]"),
    ("z > 3", "b in [0, 2], z in [1, b]"),
])
def test_counterexamples_lie_in_the_domain_as_written(claim, over):
    r = prove(claim, over=over)
    assert r.status == "REFUTED", r
    _witness_checks(claim, over, r)


def test_only_an_irrational_counterexample_is_not_refuted():
    """These fail at an irrational end only: no rational witness exists, so not REFUTED (and never PROVED)."""
    assert prove("x - pi < 0", over="x in [0, pi]").status == "UNDECIDED"
    assert prove("x**2 < 2", over="x in [-sqrt(2), 1]").status == "UNDECIDED"


def test_ranges_that_depend_on_another_variable():
    r = _proved("z*(2*b - z) >= 0", "b in [1, 2], z in [0, 2*b]")
    assert r.margin[1] == "oo"                 # the box may map outside the domain: no upper end claimed
    _proved("sqrt(2 - z/b) >= 0", "b in [1, oo), z in [7/5, 2*b]")
    _proved("z <= 2*b", "b in [1, 2], z in [0, 2*b]")
    _proved("z >= 1", "b in [1, 2], z in [1, b]")
    assert prove("z < 2*b", over="b in [1, 2], z in [0, 2*b]").status == "REFUTED"   # the twin


def test_a_counterexample_outside_the_domain_is_not_a_refutation():
    """z <= b holds on {1 <= z <= b}; the box also covers b < 1 (where the range is empty and the
    image z = 1 + (b - 1) t exceeds b): a point there must not refute the claim."""
    for claim in ("z <= b", "z >= 1"):
        r = prove(claim, over="b in [0, 2], z in [1, b]")
        assert r.status != "REFUTED", r


def test_domain_texts():
    assert str(parse_domain("0 <= x <= pi/2")) == "x in [0, pi/2]"
    d = parse_domain("b in [1, oo), z in [7/5, 2*b]")
    assert parse_domain(str(d)) == d and not d.is_box and d.dependencies("z") == {"b"}
    for bad, words in [("x in [4, pi]", "reversed"), ("x in [0, x]", "itself"), ("x in [0, y], y in [x, 1]", "itself"),
                       ("x in [0, q]", "unknown name"), ("x in [pi, pi)", "empty"), ("x in [0, sqrt(-1)]", "not a defined")]:
        with pytest.raises(CertifyInputError, match=words):
            parse_domain(bad)


def test_bound_on_constant_ends():
    m = bound("sin(x)", over="x in [0, pi]", kind="max")
    lo, hi = m
    assert lo <= 1 <= hi and hi - lo < 1e-8
    with pytest.raises(CertifyInputError, match="depends on another variable"):
        bound("z", over="b in [1, 2], z in [0, 2*b]")


def test_identities_on_expression_ends():
    from certify.claims import Identity
    ok = Identity("i", "", "", lhs="sin(x)**2 + cos(x)**2", rhs="1", over="x in [0, pi]").run()
    assert ok.status == "PROVED" and ok.certificate["kind"] == "straighten"
    assert check_certificate(ok.certificate) >= 0
    dep = Identity("j", "", "", lhs="sqrt(z*(2*b - z))**2", rhs="z*(2*b - z)", over="b in [1, 2], z in [0, 2*b]").run()
    assert dep.status == "PROVED" and check_certificate(dep.certificate) >= 0
    # |sin x| = sin x only up to pi: refuted just beyond, at a point of the domain as written
    bad = Identity("k", "", "", lhs="sqrt(sin(x)**2)", rhs="sin(x)", over="x in [0, pi + 1/10]").run()
    assert bad.status == "REFUTED"
    check_witness("identity", {"lhs": "sqrt(sin(x)**2)", "rhs": "sin(x)", "domain": "x in [0, pi + 1/10]"}, bad.witness)
    t = copy.deepcopy(ok.certificate)
    t["margin"] = ["0", "0"]
    with pytest.raises(CheckError, match="no margin"):
        check_certificate(t)
    t = copy.deepcopy(ok.certificate)
    t["inner"]["kind"] = "forall"
    with pytest.raises(CheckError, match="no identity certificate"):
        check_certificate(t)
    with pytest.raises(CertifyInputError, match="rational or infinite domain ends"):
        from certify.claims import RootCount
        RootCount("r", "", "", expr="z**2 - 2", var="z", points=("0", "2"), signs="-+", degree=2,
                  over="b in [0, pi]").subclaims()


# -- the checker's side: every field of a straighten certificate -----------------------------------

def _tampered(cert, change):
    t = copy.deepcopy(cert)
    change(t)
    return t


def test_straighten_tampers_rejected():
    dep = prove("z*(2*b - z) >= 0", over="b in [1, 2], z in [0, 2*b]").certificate
    const = prove("sin(x) >= -1/10", over="x in [0, pi]").certificate
    other = prove("sin(x) >= -1/10", over="x in [0, 1]").certificate
    wider = prove("z*(2*b - z) >= -1", over="b in [1, 2], z in [0, 1]").certificate

    def claim_domain(t, text):
        from certify.checker.forall import claim_hash
        t["claim"]["domain"] = text
        t["hash"] = claim_hash(t["claim"])

    tampers = [
        (dep, lambda t: t.update(margin=[t["margin"][0], "1"]), "margin"),
        (const, lambda t: t.update(margin=[t["margin"][0], "oo"]), "margin"),
        (const, lambda t: t.update(inner=other), "not the claim with its ends straightened"),
        (dep, lambda t: t.update(inner=wider), "relation|not the claim"),
        (dep, lambda t: claim_domain(t, "b in [1, 2], z in [0, 3*b]"), "not the claim with its ends straightened"),
        (const, lambda t: claim_domain(t, "x in [0, 2*pi]"), "not the claim with its ends straightened"),
        (const, lambda t: claim_domain(t, "x in (0, pi]"), "not the claim with its ends straightened"),
        (const, lambda t: t["claim"].update(domain="x in [0, 4]"), "hash"),
        (const, lambda t: t.update(kind="forall"), "not an exact rational"),
        (const, lambda t: t["inner"].update(kind="identity"), "no forall, tail or split"),
        (const, lambda t: t.pop("inner"), "no forall, tail or split"),
    ]
    for cert, change, words in tampers:
        with pytest.raises(CheckError, match=words):
            check_certificate(_tampered(cert, change))
    assert check_certificate(dep) and check_certificate(const)


def test_a_witness_outside_a_dependent_range_is_rejected():
    record = {"lhs": "z", "op": "<=", "rhs": "b", "domain": "b in [0, 2], z in [1, b]"}
    with pytest.raises(CheckError, match="outside"):
        check_witness("inequality", record, {"b": "1/2", "z": "3/4"})
    record = {"lhs": "sin(x)", "op": ">=", "rhs": "0", "domain": "x in [0, pi]"}
    with pytest.raises(CheckError, match="outside"):
        check_witness("inequality", record, {"x": "315/100"})        # 3.15 > pi
