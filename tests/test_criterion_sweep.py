"""Criterion sweeps on the executor (certify/criterion_sweep.py): parts sent as exact text,
results joined into one ``criterion --json`` document that the checker replays; identical on a
local pool and on a Dask LocalCluster (up to the timing; that test is in tests/test_executor.py,
beside the other Dask tests, to share their cluster); without dask, one line."""
from __future__ import annotations

import copy
import json
import sys
from fractions import Fraction as F

import pytest

from certify.checker.criterion import check_criterion
from certify.checker.terms import CheckError
from certify.cli import main
from certify.criterion_sweep import parts

F_BETA = "sin(x)*exp(beta*(cos(x)-1))"
BASE = ["criterion", F_BETA, "--param", "beta in [-0.3, 1]", "--M", "pi", "--parts", "4", "--json", "--quiet"]


def _run(capsys, *extra):
    code = main([*BASE, *extra])
    out, err = capsys.readouterr()
    doc = json.loads(out)
    return code, doc


def _without_timing(doc):
    d = copy.deepcopy(doc)
    d.pop("seconds")
    return d


def test_parts_tile_the_range_in_order():
    cut = parts("b", F(-3, 10), F(1), 4)
    assert len(cut) == 4 and cut[0][0] == F(-3, 10) and cut[-1][1] == 1
    assert all(a[1] == b[0] for a, b in zip(cut, cut[1:]))
    box = parts(("b", "c"), (F(0), F(0)), (F(1), F(1, 10)), 4)
    assert len(box) == 4 and box[0][0] == (0, 0) and box[-1][1] == (1, F(1, 10))


def test_local_sweep_replays_and_matches_across_job_counts(capsys):
    code, one = _run(capsys, "--jobs", "1")
    code2, two = _run(capsys, "--jobs", "2")
    assert code == code2 == 1 and one["status"] == "FAILS" and one["parts"] == 4
    assert _without_timing(one) == _without_timing(two)
    assert {r["verdict"] for r in one["ranges"]} >= {"HOLDS", "FAILS"}
    assert check_criterion(copy.deepcopy(one)) == sum(
        1 for c in one["leaves"] if {"HOLDS", "FAILS"} & set(c["verdict"].values()))
    bad = copy.deepcopy(one)                     # a FAILS cell near beta = -0.3 forged as HOLDS
    leaf = next(c for c in bad["leaves"] if c["verdict"]["pi"] == "FAILS")
    leaf["verdict"]["pi"], leaf["R"]["pi"] = "HOLDS", ["1.0001", "2"]
    with pytest.raises(CheckError):
        check_criterion(bad)


def test_sweep_without_parameter_or_dask_is_one_line(capsys, monkeypatch):
    assert main(["criterion", "sin(x)", "--parts", "2"]) == 2
    assert "give --param" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "distributed", None)
    assert main([*BASE, "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out)["status"] == "ERROR" and len(err.strip().splitlines()) == 1 and "not installed" in err


# on Dask: tests/test_executor.py (one LocalCluster for the session's Dask tests)
