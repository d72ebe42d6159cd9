"""Two-parameter families on parameter boxes: ``certify criterion F --param "b in [..], c in [..]"``
decided on a box subdivision, its JSON (corners as lists, docs/JSON.md) replayed by the checker;
a box where the criterion fails is never HOLDS, and a tampered subdivision is refused."""
from __future__ import annotations

import copy
import json
from fractions import Fraction as F

import pytest

from _cli import run_cli
from certify.checker.criterion import check_criterion
from certify.checker.criterion_box import covers
from certify.checker.terms import CheckError
from certify.criterion import HOLDS, Criterion
from certify.criterion_cli import main as cli_main
from certify.expr.parse import parse_expr
from flint import fmpq

FAMILY = "sin(x)*exp(b*(cos(x)-1)) + c*sin(2*x)"


def _doc(capsys, *argv):
    try:
        code = cli_main(["criterion", *argv, "--json", "--quiet"])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, json.loads(out)


@pytest.fixture(scope="module")
def holds_doc():
    # in this process (tests/_cli.py); the criterion command's real process is tested in
    # tests/test_checker_criterion.py
    out = run_cli("criterion", FAMILY, "--param", "b in [0, 1], c in [0, 1/20]", "--M", "pi", "--json", "--quiet")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_box_holds_and_replays(holds_doc):
    d = holds_doc
    assert d["status"] == HOLDS and d["param"] == ["b", "c"] and d["range"] == [["0", "0"], ["1", "1/20"]]
    leaf = d["leaves"][0]
    assert isinstance(leaf["lo"], list) and len(leaf["hi"]) == 2 and set(leaf) >= {"tau", "I", "R", "verdict"}
    assert {h["id"]: h["status"] for h in d["hypotheses"]}["tau_max"] == "CERTIFIED"
    assert check_criterion(copy.deepcopy(d)) == len(d["leaves"])


def test_box_leaves_tile_the_box(holds_doc):
    cells = [(tuple(fmpq(F(v).numerator, F(v).denominator) for v in c["lo"]),
              tuple(fmpq(F(v).numerator, F(v).denominator) for v in c["hi"])) for c in holds_doc["leaves"]]
    box = ((fmpq(0), fmpq(0)), (fmpq(1), fmpq(1, 20)))
    assert covers(*box, cells)
    assert not covers(*box, cells[1:])                          # a hole
    assert not covers(*box, cells + [cells[0]])                 # an overlap
    # a box flat in c: covered in b, never by "volume 0 = 0"
    flat = ((fmpq(0), fmpq(1, 40)), (fmpq(1), fmpq(1, 40)))
    half = [((fmpq(0), fmpq(1, 40)), (fmpq(1, 2), fmpq(1, 40)))]
    assert not covers(*flat, half)
    assert covers(*flat, half + [((fmpq(1, 2), fmpq(1, 40)), (fmpq(1), fmpq(1, 40)))])


def test_tampered_box_is_refused(holds_doc):
    bad = copy.deepcopy(holds_doc)
    bad["leaves"].pop(3)
    with pytest.raises(CheckError, match="do not cover"):
        check_criterion(bad)
    bad = copy.deepcopy(holds_doc)
    bad["range"][1][1] = "1/10"                                 # claims more than was tiled
    with pytest.raises(CheckError, match="do not cover"):
        check_criterion(bad)


def test_failing_box_never_holds_and_a_forged_holds_is_refused(capsys):
    # c >= 9/100 > e^{-2b}/2 on the box: f'(pi) = 2c - e^{-2b} > 0, so tau = pi and R_pi < 1
    code, d = _doc(capsys, FAMILY, "--param", "b in [9/10, 1], c in [9/100, 1/10]", "--M", "pi")
    assert code == 1 and d["status"] == "FAILS"
    assert all(leaf["verdict"]["pi"] != HOLDS for leaf in d["leaves"])
    assert check_criterion(copy.deepcopy(d)) >= 1
    forged = copy.deepcopy(d)
    for leaf in forged["leaves"]:
        leaf["verdict"]["pi"], leaf["R"]["pi"] = HOLDS, ["1.001", "2"]
    for r in forged["ranges"]:
        r.update(verdict=HOLDS, R_min_lower_bound="1.001", R_max_upper_bound="2")
    forged["status"] = HOLDS
    with pytest.raises(CheckError, match="impossible|not re-verified"):
        check_criterion(forged)


def test_box_cells_agree_with_one_parameter_cells():
    """A box with one side of zero width gives, on each cell, enclosures that meet the
    one-parameter criterion's on the same cell (both contain the true values)."""
    f2 = parse_expr(FAMILY, ["x", "b", "c"])
    f1 = parse_expr("sin(x)*exp(b*(cos(x)-1)) + 1/40*sin(2*x)", ["x", "b"])
    box = Criterion(f2, "x", ("b", "c"))
    one = Criterion(f1, "x", "b")
    for lo, hi in ((F(0), F(1, 4)), (F(1, 2), F(1, 2)), (F(3, 4), F(1))):
        a = box.enclose((lo, F(1, 40)), (hi, F(1, 40)))
        b = one.enclose(lo, hi)
        for key in ("2pi", "pi"):
            (l1, h1), (l2, h2) = a.R[key], b.R[key]
            assert (l1 is None or h2 is None or l1 <= h2) and (l2 is None or h1 is None or l2 <= h1)
        assert a.verdict == b.verdict or lo != hi
