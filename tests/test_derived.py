"""Derived claims (certify.derived, certify.checker.derived): each rule accepts a correct
derivation and rejects the mutations a wrong one would need (a premise dropped, a cover with a
gap, a bound in the wrong direction, an undefined subterm, a strict conclusion from weak
premises); bundle statuses are bound to the premises'."""
import copy
import json

import pytest

from certify.checker.bundle import check_bundle
from certify.checker.derived import check_derivation
from certify.checker.terms import CheckError
from certify.claims import Human, Inequality, Lemma
from certify.derived import Assumed, Derived, combine
from certify.report import bundle_entry
from certify.runner import run_lemmas


def ineq(lhs, op, rhs, domain):
    return "inequality", {"lhs": lhs, "op": op, "rhs": rhs, "domain": domain}


def derived(lhs, op, rhs, domain, quantities=None):
    return {"lhs": lhs, "op": op, "rhs": rhs, "domain": domain, "quantities": quantities or {}}


PREMISES = {
    "a_lt_b": ineq("sin(x)", "<", "2", "x in [0, 4]"),
    "b_le_c": ineq("2", "<=", "x + 2", "x in [0, 5]"),
    "pos": ineq("x + 1", ">", "0", "x in [0, 9]"),
    "id": ("identity", {"lhs": "exp(2*x)", "rhs": "exp(x)**2", "domain": "x in [-9, 9]"}),
    "inv": ineq("1/x", ">", "0", "x in [1, 2]"),
    "left": ineq("x**2", ">=", "0", "x in [0, 1]"),
    "right": ineq("x**2", ">=", "0", "x in (1, 3]"),
    "right_open": ineq("x**2", ">=", "0", "x in (1, 3]"),
    "gap_right": ineq("x**2", ">=", "0", "x in [11/10, 3]"),
    "u_lo": ineq("y**2", ">=", "0", "y in [-1, 1]"),
    "u_hi": ineq("y**2", "<=", "1", "y in [-1, 1]"),
    "u_hi_strict": ineq("y**2", "<", "1", "y in (-1, 1)"),
    "xsin": ineq("x*sin(x)", "<=", "2", "x in [0, 1]"),
    "xsin_open": ineq("x*sin(x)", "<=", "2", "x in [0, 1)"),
    "sin_lt_inv": ineq("sin(x)", "<", "1/sqrt(x)", "x in (0, 1]"),
    "sqrt_pos": ineq("sqrt(x)", ">", "0", "x in (0, 1]"),
}


def lookup(pid):
    if pid not in PREMISES:
        raise CheckError(f"premise {pid} is not an entry")
    return PREMISES[pid]


def replays(claim, cert):
    try:
        check_derivation(claim, cert, lookup)
        return True
    except CheckError:
        return False


def terms(*ts):
    return {"rule": "combine", "terms": [{"premise": p, "coef": c, "factors": list(f)} for p, c, *f in ts]}


def test_combine_transitivity_and_its_mutants():
    claim = derived("sin(x)", "<", "x + 2", "x in [0, 3]")
    good = terms(("a_lt_b", "1"), ("b_le_c", "1"))
    assert replays(claim, good)
    assert not replays(claim, terms(("a_lt_b", "1")))                         # a premise dropped
    assert not replays(claim, terms(("a_lt_b", "-1"), ("b_le_c", "1")))       # negative coefficient
    assert not replays(dict(claim, op=">="), good)                            # wrong direction
    assert not replays(dict(claim, domain="x in [0, 9/2]"), good)             # beyond a premise's domain
    assert not replays(dict(claim, rhs="x + 1"), good)                        # constant moved the wrong way
    assert replays(dict(claim, rhs="x + 3"), good)                            # a weaker bound follows
    assert replays(dict(claim, op="<="), good)                                # weaker conclusion


def test_combine_constant_remainder():
    # x + 2 > 0 from x + 1 > 0 and the constant 1 left over; never a negative constant
    assert replays(derived("x + 2", ">", "0", "x in [0, 3]"), terms(("pos", "1")))
    assert replays(derived("x + 1", ">=", "0", "x in [0, 3]"), terms(("pos", "1")))
    assert not replays(derived("x", ">", "0", "x in [0, 3]"), terms(("pos", "1")))


def test_combine_strictness_needs_a_strict_term():
    claim = derived("2", "<", "x + 2", "x in [0, 3]")
    assert not replays(claim, terms(("b_le_c", "1")))
    assert replays(dict(claim, op="<="), terms(("b_le_c", "1")))


def test_combine_factors_and_identities():
    # (x + 1)*(2 - sin x) > 0 from 2 - sin x > 0 times the factor x + 1 > 0
    claim = derived("(x + 1)*sin(x)", "<", "2*(x + 1)", "x in [0, 3]")
    assert replays(claim, terms(("a_lt_b", "1", "pos")))
    assert not replays(claim, terms(("a_lt_b", "1")))
    # an identity term may have any sign: exp(2x) and exp(x)**2 are different atoms
    claim2 = derived("exp(2*x) + sin(x)", "<", "exp(x)**2 + 2", "x in [0, 3]")
    assert replays(claim2, terms(("a_lt_b", "1"), ("id", "-1")))
    assert not replays(claim2, terms(("a_lt_b", "1")))


def test_combine_never_invents_definedness():
    # x/x - 1 + 1/x > 0 is "1/x > 0" plus 0 as polynomials in atoms, but the atom x/x appears in
    # no premise: on [1, 2] it is defined, yet the rule refuses what it cannot see
    claim = derived("x/x - 1 + 1/x", ">", "0", "x in [1, 2]")
    assert not replays(claim, terms(("inv", "1")))
    assert replays(derived("1/x", ">", "0", "x in [1, 2]"), terms(("inv", "1")))
    # a constant subterm is admitted only when the checker's arithmetic shows it defined
    assert replays(derived("1/x + 0*(1/pi)", ">", "0", "x in [1, 2]"), terms(("inv", "1")))
    assert not replays(derived("1/x + 0*log(-1)", ">", "0", "x in [1, 2]"), terms(("inv", "1")))


def test_combine_cancels_quotients_of_premises():
    # sqrt(x) sin(x) < 1 from sin(x) < 1/sqrt(x) times sqrt(x) > 0 (Corollary A.3's step):
    # sqrt(x) * (1/sqrt(x) - sin x) = 1 - sqrt(x) sin x as rational functions of the atoms
    claim = derived("sqrt(x)*sin(x)", "<", "1", "x in (0, 1]")
    assert replays(claim, terms(("sin_lt_inv", "1", "sqrt_pos")))
    assert not replays(dict(claim, rhs="1/2"), terms(("sin_lt_inv", "1", "sqrt_pos")))     # a stronger bound
    assert not replays(claim, terms(("sin_lt_inv", "1")))                                    # the factor dropped
    # a quotient of the conclusion that no premise has is never assumed defined
    assert not replays(derived("sqrt(x)*sin(x) + x/x", "<", "2", "x in (0, 1]"), terms(("sin_lt_inv", "1", "sqrt_pos")))


def test_cover_and_gaps():
    claim = derived("x**2", ">=", "0", "x in [0, 3]")
    assert replays(claim, {"rule": "cover", "var": "x", "premises": ["left", "right"]})
    assert not replays(claim, {"rule": "cover", "var": "x", "premises": ["left", "gap_right"]})   # gap (1, 11/10)
    assert not replays(claim, {"rule": "cover", "var": "x", "premises": ["right"]})
    assert not replays(dict(claim, op=">"), {"rule": "cover", "var": "x", "premises": ["left", "right"]})
    assert not replays(dict(claim, domain="x in [0, 4]"), {"rule": "cover", "var": "x", "premises": ["left", "right"]})
    assert replays(dict(claim, domain="x in (0, 3)"), {"rule": "cover", "var": "x", "premises": ["left", "right"]})


def test_substitute_needs_bounds_at_each_finite_end():
    claim = derived("y**2*sin(y**2)", "<=", "2", "y in [-1, 1]")
    good = {"rule": "substitute", "premise": "xsin", "var": "x", "value": "y**2", "bounds": ["u_lo", "u_hi"]}
    assert replays(claim, good)
    assert not replays(claim, dict(good, bounds=["u_lo"]))                     # upper end not shown
    assert not replays(claim, dict(good, bounds=["u_hi", "u_hi"]))
    assert not replays(dict(claim, lhs="y**2*sin(y)"), good)                   # not term for term
    # an open end needs a strict bound: [0, 1) with y**2 <= 1 fails, y**2 < 1 on (-1, 1) works
    open_good = dict(good, premise="xsin_open")
    assert not replays(claim, open_good)
    assert replays(dict(claim, domain="y in (-1, 1)"), dict(open_good, bounds=["u_lo", "u_hi_strict"]))


def test_monotone_from_the_checkers_own_derivative():
    PREMISES.update({
        "d_sq": ineq("2*x", ">", "0", "x in [1, 2]"),
        "d_sq_open": ineq("2*x", ">", "0", "x in (1, 2]"),
        "d_wrong": ineq("1", ">", "0", "x in [1, 2]"),
        # sympy's (atan(tan x))' = 1 must not do: the checker's derivative of atan(tan(x)) is not 1
        "d_one": ineq("1", ">", "0", "x in [1, 2]"),
    })
    try:
        lo = {"rule": "monotone", "premise": "d_sq", "var": "x", "end": "lo"}
        hi = dict(lo, end="hi")
        assert replays(derived("1", "<=", "x**2", "x in [1, 2]"), lo)
        assert replays(derived("x**2", "<=", "4", "x in [1, 2]"), hi)
        assert not replays(derived("4", "<=", "x**2", "x in [1, 2]"), hi)          # the wrong direction
        assert not replays(derived("1", "<", "x**2", "x in [1, 2]"), lo)           # strict at x = 1
        assert replays(derived("1", "<", "x**2", "x in (1, 2]"), lo)
        assert not replays(derived("1", "<=", "x**2", "x in [1, 2]"), dict(lo, premise="d_sq_open"))
        assert not replays(derived("1", "<=", "x**2", "x in [1, 2]"), dict(lo, premise="d_wrong"))
        assert not replays(derived("atan(tan(1))", "<=", "atan(tan(x))", "x in [1, 2]"), dict(lo, premise="d_one"))
    finally:
        for k in ("d_sq", "d_sq_open", "d_wrong", "d_one"):
            PREMISES.pop(k)


ROOT = {"root_of": "rc", "after": 0}


def test_root_location():
    PREMISES.update({
        "rc": ("rootcount", {"expr": "z - b", "var": "z", "points": ["0", "3"], "signs": "-+", "degree": 1,
                             "domain": "b in [1, 2]"}),
        "at2": ineq("2 - b", ">", "0", "b in [1, 2]"),
        "at4": ineq("4 - b", ">", "0", "b in [1, 2]"),
        "at_half": ineq("1/2 - b", "<", "0", "b in [1, 2]"),
        "at1_weak": ineq("1 - b", "<=", "0", "b in [1, 2]"),
    })
    try:
        q = {"q": ROOT}
        rule = {"rule": "root", "quantity": "q", "root_of": "rc"}
        assert replays(derived("0", "<", "q", "b in [1, 2]", q), rule)
        assert replays(derived("q", "<", "3", "b in [1, 2]", q), rule)
        assert not replays(derived("q", "<", "0", "b in [1, 2]", q), rule)           # the wrong side
        assert not replays(derived("0", "<=", "q", "b in [1, 2]", q), rule)          # only strict
        assert not replays(derived("0", "<", "q", "b in [1, 3]", q), rule)           # beyond the count
        assert not replays(derived("0", "<", "q", "b in [1, 2]", {"q": "a root"}), rule)
        at = dict(rule, sign="at2", inside=[])
        assert replays(derived("q", "<", "2", "b in [1, 2]", q), at)                 # p(2) > 0: right of q
        assert not replays(derived("2", "<", "q", "b in [1, 2]", q), at)
        assert not replays(derived("q", "<", "4", "b in [1, 2]", q), dict(at, sign="at4"))   # 4 not in (0, 3)
        assert replays(derived("1/2", "<", "q", "b in [1, 2]", q), dict(at, sign="at_half"))
        assert not replays(derived("q", "<", "1/2", "b in [1, 2]", q), dict(at, sign="at_half"))
        # p(1) <= 0 (zero at b = 1, where the root is 1): only 1 <= q, not 1 < q
        assert replays(derived("1", "<=", "q", "b in [1, 2]", q), dict(at, sign="at1_weak"))
        assert not replays(derived("1", "<", "q", "b in [1, 2]", q), dict(at, sign="at1_weak"))
    finally:
        for k in ("rc", "at2", "at4", "at_half", "at1_weak"):
            PREMISES.pop(k)


def test_quantities_must_agree():
    prem = ("assumed", derived("q", ">=", "0", "x in [0, 1]", {"q": "a root"}))
    PREMISES["q_nonneg"] = prem
    try:
        claim = derived("q + 1", ">", "0", "x in [0, 1]", {"q": "a root"})
        one = {"rule": "combine", "terms": [{"premise": "q_nonneg", "coef": "1", "factors": []}]}
        PREMISES["one"] = ineq("1", ">", "0", "x in [0, 1]")
        one["terms"].append({"premise": "one", "coef": "1", "factors": []})
        assert replays(claim, one)
        assert not replays(dict(claim, quantities={"q": "another root"}), one)
    finally:
        PREMISES.pop("q_nonneg")
        PREMISES.pop("one", None)


# -- through the runner and the bundle -------------------------------------------------------------

LEMMA = Lemma(id="T.1", title="t", statement="", claims=(
    Inequality("T.1.a", "", lhs="sin(x)", op="<", rhs=2, over="x in [0, 4]"),
    Inequality("T.1.b", "", lhs=2, op="<=", rhs="x + 2", over="x in [0, 5]"),
    Assumed("T.1.q", "", lhs="q", op=">=", rhs=0, over="x in [0, 3]", quantities=(("q", "a root"),),
            reasoning="by hand"),
    Derived("T.1.chain", "", lhs="sin(x)", op="<", rhs="x + 2", over="x in [0, 3]",
            rule=combine(("T.1.a", 1), ("T.1.b", 1))),
    Derived("T.1.with_q", "", lhs="sin(x)", op="<", rhs="x + 2 + q", over="x in [0, 3]", quantities=(("q", "a root"),),
            rule=combine(("T.1.chain", 1), ("T.1.q", 1))),
    Derived("T.1.bad", "", lhs="sin(x)", op="<", rhs="x + 1", over="x in [0, 3]",
            rule=combine(("T.1.a", 1), ("T.1.b", 1))),
    Human("T.1.h", "", reasoning="words"),
))


@pytest.fixture(scope="module")
def bundle():
    [(lemma, outs)] = run_lemmas([LEMMA], jobs=1, progress=False)
    status = {o.claim.id: o.result.status for o in outs}
    assert status == {"T.1.a": "PROVED", "T.1.b": "PROVED", "T.1.q": "HUMAN", "T.1.chain": "PROVED",
                      "T.1.with_q": "HUMAN", "T.1.bad": "UNDECIDED", "T.1.h": "HUMAN"}
    return {"kind": "bundle", "claims": [bundle_entry("T.1", o.claim, o.result, "h") for o in outs]}


def verdicts(doc):
    return {v.id: (v.ok, v.reason) for v in check_bundle(json.loads(json.dumps(doc)), jobs=1)[1]}


def test_bundle_with_derived_entries_checks(bundle):
    assert all(ok for ok, _ in verdicts(bundle).values()), verdicts(bundle)


@pytest.mark.parametrize("tamper", ["human_to_proved", "premise_refuted", "premise_gone", "cycle",
                                    "assumed_proved", "rule_changed"])
def test_bundle_tampers_rejected(bundle, tamper):
    doc = copy.deepcopy(bundle)
    by_id = {e["id"]: e for e in doc["claims"]}
    target = "T.1.chain"
    if tamper == "human_to_proved":
        target = "T.1.with_q"
        by_id[target]["status"] = "PROVED"
    elif tamper == "premise_refuted":
        by_id["T.1.a"].update(status="UNDECIDED", certificate=None, margin=None, margin_kind=None)
    elif tamper == "premise_gone":
        doc["claims"] = [e for e in doc["claims"] if e["id"] != "T.1.b"]
    elif tamper == "cycle":
        target = "T.1.with_q"
        cert = by_id["T.1.chain"]["certificate"]
        cert["terms"].append({"premise": "T.1.with_q", "coef": "1", "factors": []})
    elif tamper == "assumed_proved":
        target = "T.1.q"
        by_id[target]["status"] = "PROVED"
    elif tamper == "rule_changed":
        by_id[target]["certificate"]["terms"][0]["coef"] = "2"
    ok, reason = verdicts(doc)[target]
    assert not ok and reason, tamper


def _assumed(lhs, op, rhs, domain, quantities):
    return "assumed", {"lhs": lhs, "op": op, "rhs": rhs, "domain": domain, "quantities": quantities}


def test_substitute_into_a_range_that_depends_on_another_variable():
    """z := r (a quantity) into 'for all b in [1, 2], z in [1, 2*b]': the bounds must name the
    range's ends exactly as written (1 < r, r < 2*b)."""
    q = {"r": "a root"}
    PREMISES.update({
        "dep": ineq("z", "<=", "2*b", "b in [1, 2], z in [1, 2*b]"),
        "r_above": _assumed("1", "<", "r", "b in [1, 2]", q),
        "r_below": _assumed("r", "<", "2*b", "b in [1, 2]", q),
        "r_below_3b": _assumed("r", "<", "3*b", "b in [1, 2]", q),
        "r_named_else": _assumed("r", "<", "2*b", "b in [1, 2]", {"r": "another root"}),
    })
    claim = derived("r", "<=", "2*b", "b in [1, 2]", q)

    def sub(*bounds):
        return {"rule": "substitute", "premise": "dep", "var": "z", "value": "r", "bounds": list(bounds)}
    assert replays(claim, sub("r_above", "r_below"))
    assert not replays(claim, sub("r_above"))                        # the upper end not shown
    assert not replays(claim, sub("r_above", "r_below_3b"))          # a bound by another expression
    assert not replays(claim, sub("r_above", "r_named_else"))        # r means another quantity there
    assert not replays(dict(claim, domain="b in [1, 3]"), sub("r_above", "r_below"))   # beyond the premise


def test_a_declared_but_unmentioned_quantity_need_not_match():
    """'tau*D < 2' declared with za (one lemma's root) covers a conclusion that declares only D."""
    PREMISES.update({
        "lo_piece": _assumed("D", "<", "2", "b in [0, 1]", {"D": "d", "za": "root of L1"}),
        "hi_piece": _assumed("D", "<", "2", "b in [1, 2]", {"D": "d", "za": "root of L2"}),
        "hi_other_d": _assumed("D", "<", "2", "b in [1, 2]", {"D": "another d"}),
    })
    claim = derived("D", "<", "2", "b in [0, 2]", {"D": "d"})
    cover = {"rule": "cover", "var": "b", "premises": ["lo_piece", "hi_piece"]}
    assert replays(claim, cover)
    assert not replays(claim, dict(cover, premises=["lo_piece", "hi_other_d"]))   # D itself differs
