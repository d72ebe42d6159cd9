"""Criterion with any exact M (certify/criterion_m.py) and the theorems' hypotheses
(certify/criterion_hyp.py): reported with the theorem named, replayed by the checker, and a
hypothesis that does not hold is never reported (or accepted) as CERTIFIED."""
from __future__ import annotations

import copy
import json

import mpmath as mp
import pytest

from certify.checker.criterion import check_criterion
from certify.checker.terms import CheckError
from certify.criterion_cli import main as cli_main
from certify.criterion_m import m_key, position
from certify.errors import CertifyInputError
from certify.roots import arb_to_fraction


def _cli(capsys, *argv):
    try:
        code = cli_main(["criterion", *argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _doc(capsys, *argv):
    code, out, _ = _cli(capsys, *argv, "--json", "--quiet")
    return code, json.loads(out)


def _hyp(doc):
    return {h["id"]: h for h in doc["hypotheses"]}


# -- M -------------------------------------------------------------------------------------------

def test_m_keys_are_exact():
    assert m_key("2*pi") == m_key("pi*2") == m_key("2pi") == "2pi"
    assert m_key("PI") == "pi" and m_key("none") == "none"
    assert m_key("3*pi/2") == "3*pi/2" and m_key("1.5*pi") == "3/2*pi"     # the tree as read, exact
    assert position("3*pi/2") == "ge_pi" and position("4") == "ge_pi"
    assert position("7") == "ge_2pi" and position("3") == "lt_pi"     # 3 < pi < 6.28 < 7
    for bad in ("-pi", "0", "x", "sqrt(-1)", "__import__('os')", "pi/(1-1)"):
        with pytest.raises(CertifyInputError):
            m_key(bad)


def test_any_m_matches_the_closed_form_and_replays(capsys):
    # Kuramoto: tau = pi/2, I = 2, f'(0) = 1: R_M = (4/pi) (1 + 1/(2 M / pi)) exactly
    code, doc = _doc(capsys, "sin(x)", "--M", "3*pi/2")
    assert code == 0 and doc["M"] == "3*pi/2"
    lo, hi = (mp.mpf(v) for v in doc["leaves"][0]["R"]["3*pi/2"])
    mp.mp.dps = 30
    assert lo <= 4 / mp.pi * (1 + mp.mpf(1) / 3) <= hi
    assert check_criterion(doc) == 1
    # the key is read by the checker itself: another M is a different claim
    bad = copy.deepcopy(doc)
    bad["M"] = "3*pi/20"
    for part in (bad["leaves"][0]["R"], bad["leaves"][0]["verdict"]):
        part["3*pi/20"] = part.pop("3*pi/2")
    with pytest.raises(CheckError):
        check_criterion(bad)


def test_any_m_over_a_range_replays_and_tamper_fails(capsys):
    code, doc = _doc(capsys, "sin(x)*exp(beta*(cos(x)-1))", "--param", "beta in [0, 1]", "--M", "4")
    assert code == 0 and doc["status"] == "HOLDS"
    assert check_criterion(doc) == len(doc["leaves"])
    bad = copy.deepcopy(doc)
    bad["leaves"][0]["R"]["4"], bad["leaves"][0]["verdict"]["4"] = ["0.5", "0.9"], "FAILS"
    with pytest.raises(CheckError):
        check_criterion(bad)


@pytest.mark.parametrize("M", ["3pi", "-1", "x", "pi - 4", "1/0"])
def test_bad_m_is_one_line(capsys, M):
    code, out, err = _cli(capsys, "sin(x)", "--M", M)
    assert code == 2 and out == "" and err.count("\n") == 1 and "--M" in err


# -- hypotheses ----------------------------------------------------------------------------------

def test_m_pi_says_what_corollary_3_3_needs(capsys):
    code, out, _ = _cli(capsys, "sin(x)*exp(beta*(cos(x)-1))", "--param", "beta in [-0.2, 0.5]", "--M", "pi",
                        "--quiet")
    assert code == 0
    assert "CERTIFIED     Corollary 3.3: tau_max(x) < M = pi" in out
    assert "Corollary 3.3 with M = pi applies" in out and "Theorem 2.3" in out
    code, doc = _doc(capsys, "sin(x)*exp(beta*(cos(x)-1))", "--param", "beta in [-0.2, 0.5]", "--M", "pi")
    h = _hyp(doc)
    assert [h[k]["status"] for k in ("periodic", "smooth", "odd", "sin_h_cos", "tau_max")] == ["CERTIFIED"] * 5
    assert check_criterion(doc) == len(doc["leaves"])


def test_tau_max_not_certified_when_f_changes_sign_and_tamper_fails(capsys):
    # sin x + a sin 3x = sin x (1 + 3a - 4a sin^2 x) < 0 at pi/2 for a > 1: the lemma's f > 0
    # on (0, pi) fails, so tau_max < pi is never reported certified
    code, doc = _doc(capsys, "sin(x) + a*sin(3*x)", "--param", "a in [6/5, 5/4]", "--M", "pi")
    h = _hyp(doc)["tau_max"]
    assert h["status"] == "NOT_CERTIFIED" and h["not_certified_on"]
    bad = copy.deepcopy(doc)
    t = _hyp(bad)["tau_max"]
    t["status"], t["not_certified_on"] = "CERTIFIED", []
    with pytest.raises(CheckError, match="tau_max .* not re-verified"):
        check_criterion(bad)
    code, out, _ = _cli(capsys, "sin(x) + a*sin(3*x)", "--param", "a in [6/5, 5/4]", "--M", "pi", "--quiet")
    assert "needs tau_max < M, which is NOT_CERTIFIED" in out


def test_small_m_is_not_checked_and_large_m_needs_nothing(capsys):
    _, doc = _doc(capsys, "sin(x)", "--M", "3")
    assert _hyp(doc)["tau_max"]["status"] == "NOT_CHECKED"
    _, doc = _doc(capsys, "sin(x)", "--M", "7")
    assert _hyp(doc)["tau_max"]["status"] == "CERTIFIED" and check_criterion(doc) == 1
    _, doc = _doc(capsys, "sin(x)")
    assert "tau_max" not in _hyp(doc)                # M = 2 pi: Theorem 2.1 needs no tau_max


def test_non_odd_f_is_reported_not_silent(capsys):
    code, out, _ = _cli(capsys, "sin(x - 1/10)", "--M", "pi")
    assert "FAILS         Theorem 2.3 (not assumed by Theorem 2.1 or Corollary 3.3): f(-x) = -f(x)" in out
    assert "[-pi, 0] and [0, pi]" in out and "needs tau_max < M, which is NOT_CHECKED" in out
    _, doc = _doc(capsys, "sin(x - 1/10)")
    h = _hyp(doc)
    assert h["odd"]["status"] == "FAILS" and h["sin_h_cos"]["status"] == "FAILS"


def test_not_analytic_f_is_not_sin_h_cos_and_tamper_fails(capsys):
    # sin x |sin x|^7 / 10: C^3 (its derivative trees are defined) but not analytic at 0
    f = "sin(x) + sin(x)*(sin(x)**2)**(7/2)/10"
    _, doc = _doc(capsys, f)
    h = _hyp(doc)
    assert h["smooth"]["status"] == "CERTIFIED" and h["sin_h_cos"]["status"] == "NOT_CERTIFIED"
    bad = copy.deepcopy(doc)
    s = _hyp(bad)["sin_h_cos"]
    s["status"], s["not_certified_on"] = "CERTIFIED", []
    # (the checker's balls cannot replay this f's cells; its hypotheses replay on their own)
    from certify.checker.criterion import _Criterion
    from certify.checker.criterion_hyp import check_hypotheses
    from flint import fmpq
    with pytest.raises(CheckError, match="sin_h_cos .* not re-verified"):
        check_hypotheses(_Criterion(doc["f"], constant=True), bad, "2pi", [(fmpq(0), fmpq(0))])
    assert check_hypotheses(_Criterion(doc["f"], constant=True), doc, "2pi", [(fmpq(0), fmpq(0))]) == 3
    _, doc = _doc(capsys, "sin(x)/(2 + cos(x))")          # h(c) = 1/(2 + c): analytic near [-1, 1]
    assert _hyp(doc)["sin_h_cos"]["status"] == "CERTIFIED" and check_criterion(doc) == 1


def test_relabelled_theorem_is_rejected(capsys):
    _, doc = _doc(capsys, "sin(x)", "--M", "pi")
    _hyp(doc)["tau_max"]["theorem"] = "Theorem 2.1"
    with pytest.raises(CheckError, match="belongs to Corollary 3.3"):
        check_criterion(doc)


def test_arb_to_fraction_is_exact_for_the_m_ball():
    from flint import arb
    from certify.criterion_m import inverse_m
    v = inverse_m("3*pi/2")
    assert arb_to_fraction(v.lower()) < arb_to_fraction(v.upper()) and (v * 3 * arb.pi() / 2).contains(1)
