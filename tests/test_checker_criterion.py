"""The criterion checker (certify.checker.criterion): the committed reports/criterion.json
replays from its f text and cells alone, and tampered files are rejected with a one-line
reason."""
from __future__ import annotations

import copy
import json
import time
from fractions import Fraction
from pathlib import Path

import flint
import pytest
from flint import fmpq

import sympy

from certify.checker import criterion as C
from certify.checker.criterion import FAILS, HOLDS, UNDECIDED, check_criterion
from certify.checker.terms import CheckError

FILE = Path(__file__).resolve().parent.parent / "reports" / "criterion.json"
F_BETA = "sin(x)*exp(beta*(cos(x) - 1))"


@pytest.fixture(scope="module")
def doc():
    return json.loads(FILE.read_text())


@pytest.fixture(scope="module")
def replayed(doc):
    """The full replay, once (it also warms the checker's per-f cache for the tampers)."""
    start = time.monotonic()
    n = check_criterion(doc)
    return n, time.monotonic() - start


@pytest.fixture
def crit():
    old = flint.ctx.prec
    flint.ctx.prec = C.PREC
    yield C._Criterion(F_BETA)
    flint.ctx.prec = old


def _rejected(doc, change, match):
    d = copy.deepcopy(doc)
    change(d)
    with pytest.raises(CheckError, match=match) as err:
        check_criterion(d)
    assert str(err.value) and "\n" not in str(err.value)
    return str(err.value)


def test_committed_file_replays(doc, replayed):
    n, seconds = replayed
    assert doc["f"] == F_BETA
    # every distinct recorded cell (the pi and 2pi runs share most of theirs)
    assert n == len({(c["lo"], c["hi"]) for r in doc["runs"].values() for c in r["leaves"]}) > 50
    assert seconds < 30


def test_verdict_fails_to_holds_is_rejected(doc, replayed):
    def verdict_only(d):
        d["runs"]["pi_holds"]["leaves"][0]["verdict"]["2pi"] = HOLDS

    def with_its_R(d):
        leaf = d["runs"]["pi_holds"]["leaves"][0]
        leaf["verdict"]["2pi"], leaf["R"]["2pi"] = HOLDS, ["1.0001", "1.1"]
    _rejected(doc, verdict_only, "2pi verdict does not match its R")
    _rejected(doc, with_its_R, "recorded 2pi enclosure is impossible")


def test_fails_run_turned_into_holds_is_rejected(doc, replayed):
    """The thin FAILS run just below beta*_pi recorded (consistently) as HOLDS."""
    def change(d):
        run = d["runs"]["pi_fails"]
        leaf = run["leaves"][0]
        leaf["verdict"]["pi"], leaf["R"]["pi"] = HOLDS, ["1.00001", "1.1"]
        run["status"] = HOLDS
        run["ranges"][0].update(verdict=HOLDS, R_min_lower_bound="1.00001", R_max_upper_bound="1.1")
    _rejected(doc, change, "impossible|not re-verified")


def test_replay_cannot_prove_a_false_verdict(doc, crit):
    leaf = doc["runs"]["pi_fails"]["leaves"][0]
    lo, hi = C._q(leaf["lo"]), C._q(leaf["hi"])
    assert crit.prove(lo, hi, "pi", FAILS) >= 1
    with pytest.raises(CheckError, match="R_pi > 1 is not re-verified"):
        crit.prove(lo, hi, "pi", HOLDS)
    first = doc["runs"]["pi_holds"]["leaves"][0]         # R_pi > 1.000016 there, R_2pi < 0.83
    lo, hi = C._q(first["lo"]), C._q(first["hi"])
    assert crit.prove(lo, hi, "pi", HOLDS) >= 1
    with pytest.raises(CheckError, match="not re-verified"):
        crit.prove(lo, hi, "2pi", HOLDS)
    # that cell stretched down to the recorded crossing points: from the FAILS point R_pi > 1
    # is refuted, from the HOLDS point (R_pi - 1 ~ 1e-7 there) it is proved
    c_lo, c_hi = (C._q(v) for v in doc["crossing_pi_points"])
    with pytest.raises(CheckError, match="R_pi > 1 is not re-verified"):
        crit.prove(c_lo, hi, "pi", HOLDS)
    assert crit.prove(c_hi, hi, "pi", HOLDS) >= 1


def test_gap_in_the_cover_is_rejected(doc, replayed):
    def moved(d):
        leaf = d["runs"]["pi_holds"]["leaves"][5]
        leaf["hi"] = str(C._q(leaf["hi"]) - fmpq(1, 1000))
    _rejected(doc, moved, "pi_holds: its leaves do not cover")


def test_removed_leaf_is_rejected(doc, replayed):
    def removed(d):
        del d["runs"]["2pi_holds"]["leaves"][20]
    _rejected(doc, removed, "2pi_holds: its leaves do not cover")

    def removed_and_run_shortened(d):           # the run stays consistent; "holds" is not covered
        run = d["runs"]["pi_holds"]
        last = run["leaves"].pop()
        run["range"][1] = run["ranges"][0]["hi"] = last["lo"]
        run["cells"] -= 1
        run["ranges"][0]["cells"] -= 1
        top = max(run["leaves"], key=lambda leaf: C._bound(leaf["R"]["pi"][1]))
        run["ranges"][0]["R_max_upper_bound"] = top["R"]["pi"][1]
        for leaf in d["runs"]["2pi_holds"]["leaves"]:     # the same cell there claims no pi
            if (leaf["lo"], leaf["hi"]) == (last["lo"], last["hi"]):
                leaf["verdict"]["pi"] = UNDECIDED
    _rejected(doc, removed_and_run_shortened, r"holds: \[-5231/20000, 1000\] is not covered")


def test_moved_beta_star_is_rejected(doc, replayed):
    _rejected(doc, lambda d: d.update(beta_star_pi="-0.3"), "beta_star_pi = -3/10 is not")

    def with_range(d):
        d.update(beta_star_pi="-3/10", beta_star_pi_decimal="-0.3")
        d["holds"][0][0] = "-3/10"
        d["bracket_pi"][1] = "-3/10"
    _rejected(doc, with_range, r"holds: \[-3/10, 1000\] is not covered")


def test_other_f_is_rejected(doc, replayed):
    _rejected(doc, lambda d: d.update(f=F_BETA + " + sin(3*x)/10"), "impossible|not re-verified")
    _rejected(doc, lambda d: d.update(f=F_BETA + " + cos(x)/10"), "not proved odd")
    _rejected(doc, lambda d: d.update(f=F_BETA + " + x/100"), "not proved 2 pi-periodic")
    _rejected(doc, lambda d: d.update(f="sin(x)*exp(beta*gamma)"), "one parameter")


def test_other_tampers_are_rejected(doc, replayed):
    _rejected(doc, lambda d: d["runs"]["2pi_holds"]["ranges"][0].update(R_min_lower_bound="1.01"),
              "ranges are not those of its leaves")
    _rejected(doc, lambda d: d["fails"][0].__setitem__(0, "-9/10"), r"fails: \[-9/10, ")

    def leafless_range(d):                      # a run without leaves, proved by the checker
        run = d["none_on_0_1000"]
        run["range"][0] = run["ranges"][0]["lo"] = "-1/2"
    _rejected(doc, leafless_range, "R_none > 1 is not re-verified")
    _rejected(doc, lambda d: d.update(tau_beta2=["0.6", "0.67"]), "tau at beta = 2")
    with pytest.raises(CheckError, match="not a criterion file"):
        check_criterion({})
    _rejected(doc, lambda d: d["runs"]["pi_holds"]["leaves"][3].pop("R"), "malformed")


def test_no_holds_near_beta_minus_0_7(crit):
    """R_pi < 1 there (Figure 1): such cells replay as FAILS and never as HOLDS."""
    lo, hi = fmpq(-7, 10), fmpq(-69, 100)
    assert crit.prove(lo, hi, "pi", FAILS) >= 1
    for key in ("pi", "2pi", "none"):
        with pytest.raises(CheckError, match=f"R_{key} > 1 is not re-verified"):
            crit.prove(lo, hi, key, HOLDS)
        with pytest.raises(CheckError, match="not re-verified"):
            crit.prove(lo, lo, key, HOLDS)


@pytest.mark.parametrize("f, lo, hi, key", [
    ("sin(x) + a*sin(3*x)", Fraction(-1, 20), Fraction(0), "2pi"),     # FAILS, UNDECIDED, HOLDS
    ("sin(x)/(2 + a*cos(x))", Fraction(0), Fraction(1, 2), "pi")])
def test_prover_runs_of_other_f_replay(f, lo, hi, key):
    """The JSON of ``certify criterion --json`` (one run) for other f: the checker, which
    shares no code with the prover, replays every decided cell."""
    from certify.criterion import Criterion
    x, a = sympy.symbols("x a", real=True)
    crit = Criterion(sympy.sympify(f, locals={"x": x, "a": a}), x, a)
    res = crit.certify_range(lo, hi, key)
    run = {"f": crit.text, "param": "a", "M": key}
    run.update(res.as_json(cells=True))
    decided = sum(1 for c in run["leaves"] if {HOLDS, FAILS} & set(c["verdict"].values()))
    assert check_criterion(json.loads(json.dumps(run))) == decided > 0
    run["leaves"][0]["verdict"][key] = HOLDS if run["leaves"][0]["verdict"][key] == FAILS else FAILS
    with pytest.raises(CheckError):
        check_criterion(run)


def test_a_criterion_file_without_parameter_replays(tmp_path):
    """``certify criterion F --json`` without --param: its one cell is replayed, a changed
    verdict, enclosure or status is refused."""
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "certify.cli", "criterion", "sin(x)", "--json"],
                         capture_output=True, text=True)
    doc = json.loads(out.stdout)
    assert check_criterion(doc) == 1
    for mutate in (lambda d: d["leaves"][0]["verdict"].__setitem__("2pi", "FAILS"),
                   lambda d: d["leaves"][0]["R"]["2pi"].__setitem__(0, "5"),
                   lambda d: d.__setitem__("status", "FAILS")):
        bad = json.loads(json.dumps(doc))
        mutate(bad)
        with pytest.raises(CheckError):
            check_criterion(bad)
