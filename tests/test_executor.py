"""The executor interface (certify/executor.py): a local pool by default, Dask with --scheduler;
results, reports and certificates identical on both; without dask, one line."""
from __future__ import annotations

import json
import sys

import pytest

from certify.errors import CertifyInputError
from certify.executor import Executor

MODULE = '''
from certify.claims import Human, Inequality, Lemma
LEMMAS = [Lemma("E.1", "demo", "a demo lemma", claims=(
    Inequality("E.1.a", "log x < x", lhs="log(x)", op="<", rhs="x", over="x in (0, 10]"),
    Inequality("E.1.b", "g1 lower bound", lhs="sqrt(2*z)*(2*z-3)*exp(-z)", op=">", rhs="-1.381",
               over="z in [0, oo)"),
    Inequality("E.1.c", "false on the range", lhs="x", op="<", rhs="1/2", over="x in [0, 1]"),
    Human("E.1.d", "glue", reasoning="by hand")))]
'''


def _square_or_fail(k):
    if k == 3:
        raise ArithmeticError("job 3 failed")
    return k * k


def test_local_executor_keeps_order_and_raises_job_errors():
    for jobs in (1, 2):
        with Executor(jobs) as ex:
            assert list(ex.imap(_square_or_fail, [5, 1, 4, 2, 0])) == [25, 1, 16, 4, 0]
            with pytest.raises(ArithmeticError):
                list(ex.imap(_square_or_fail, [1, 2, 3]))
    with pytest.raises(CertifyInputError):
        Executor(0)


def test_scheduler_without_dask_is_one_line(monkeypatch, capsys, tmp_path):
    from certify.cli import main
    monkeypatch.setitem(sys.modules, "distributed", None)            # import distributed fails
    (tmp_path / "m.py").write_text(MODULE)
    for argv in (["run", "--module", str(tmp_path / "m.py"), "--scheduler", "tcp://127.0.0.1:8786"],
                 ["simulate", "sync-sweep", "--n", "10", "--starts", "1", "--out", str(tmp_path),
                  "--scheduler", "tcp://127.0.0.1:8786"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "not installed" in err and "[dask]" in err


def test_bad_scheduler_address_is_one_line(capsys, tmp_path):
    pytest.importorskip("distributed")
    from certify.cli import main
    for address in ("nonsense", "foo://bar"):
        assert main(["run", "--lemma", "A.4", "--scheduler", address, "--quiet", "--json"]) == 2
        out, err = capsys.readouterr()
        assert json.loads(out)["status"] == "ERROR" and len(err.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c.scheduler_address


def test_runner_on_dask_matches_local(cluster, tmp_path, capsys):
    from certify.cli import main
    (tmp_path / "m.py").write_text(MODULE)
    base = ["run", "--module", str(tmp_path / "m.py"), "--quiet"]
    assert main([*base, "--out", str(tmp_path / "local")]) == 0
    assert main([*base, "--out", str(tmp_path / "dask"), "--scheduler", cluster]) == 0
    for name in ("certificate.json", "REPORT.md", "ERRATA.md"):
        local = (tmp_path / "local" / name).read_text()
        assert local == (tmp_path / "dask" / name).read_text(), name
    assert "REFUTED" in (tmp_path / "dask" / "ERRATA.md").read_text()
    capsys.readouterr()


def test_sync_sweep_on_dask_matches_local(cluster, tmp_path, capsys, no_figures):
    """The same sweep document on Dask as locally.  One random start beside the structured one
    per beta: 4 jobs of both kinds on 2 workers already test the order of the results and
    every field of the document (the sweep's statistics are tests/test_simulate.py's).  The
    figure, drawn in this process from the same table on both backends, is not drawn here
    (tests/test_simulate_figures.py draws it)."""
    from certify.cli import main
    base = ["simulate", "sync-sweep", "--beta=-1,1", "--n", "10", "--starts", "1", "--quiet"]
    assert main([*base, "--out", str(tmp_path / "local")]) == 0
    assert main([*base, "--out", str(tmp_path / "dask"), "--scheduler", cluster]) == 0
    a, b = (json.loads((tmp_path / d / "sync-sweep.json").read_text()) for d in ("local", "dask"))
    assert "--scheduler" not in a["provenance"].pop("command") and "--scheduler" in b["provenance"].pop("command")
    assert a == b and len(a["runs"]) == 4
    capsys.readouterr()


def test_cbeta_table_on_dask_matches_local(cluster, tmp_path, capsys):
    """C_beta over several beta: every claim a job; the same rows and certificates on Dask."""
    from certify.cli import main
    base = ["cbeta", "--beta=-2", "--beta=-10", "--quiet", "--json"]
    assert main([*base, "--out", str(tmp_path / "local")]) == 0
    local = json.loads(capsys.readouterr().out)
    assert main([*base, "--out", str(tmp_path / "dask"), "--scheduler", cluster]) == 0
    dask = json.loads(capsys.readouterr().out)
    assert local["rows"] == dask["rows"] and len(local["rows"]) == 2 and local["status"] == "PROVED"
    for beta in ("beta_-2", "beta_-10"):
        assert (tmp_path / "local" / beta / "certificate.json").read_text() == \
            (tmp_path / "dask" / beta / "certificate.json").read_text()
        assert main(["check", str(tmp_path / "dask" / beta / "certificate.json"), "--quiet"]) == 0
    capsys.readouterr()


def test_sweep_on_dask_matches_local(cluster, capsys):
    """A criterion sweep (tests/test_criterion_sweep.py) on Dask: the same document as locally."""
    from certify.checker.criterion import check_criterion
    from certify.cli import main
    from test_criterion_sweep import _run, _without_timing
    _, local = _run(capsys, "--jobs", "1")
    code, dask = _run(capsys, "--scheduler", cluster)
    assert code == 1 and _without_timing(local) == _without_timing(dask)
    assert check_criterion(dask) > 0
    box = ["criterion", "sin(x)*exp(b*(cos(x)-1)) + c*sin(2*x)", "--param", "b in [0, 1], c in [0, 1/20]",
           "--M", "3*pi/2", "--parts", "2", "--json", "--quiet"]
    assert main([*box, "--jobs", "1"]) == 0
    a = json.loads(capsys.readouterr().out)
    assert main([*box, "--scheduler", cluster]) == 0
    b = json.loads(capsys.readouterr().out)
    assert _without_timing(a) == _without_timing(b) and a["M"] == "3*pi/2"
