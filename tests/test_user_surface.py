"""The user's surface: partial runs never touch reports/, user lemma modules run and re-check,
the version is reported."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from _cli import run_cli, run_process          # the command line in this process / as a process

ROOT = Path(__file__).resolve().parent.parent

MODULE = '''
from certify.claims import Human, Inequality, Lemma
LEMMAS = [Lemma("N.1", "demo", "a demo lemma", claims=(
    Inequality("N.1.a", "log x < x", lhs="log(x)", op="<", rhs="x", over="x in (0, 10]"),
    Inequality("N.1.b", "false on the range", lhs="x", op="<", rhs="1/2", over="x in [0, 1]"),
    Human("N.1.c", "glue", reasoning="by hand")))]
'''


def test_user_module_runs_in_its_own_folder_and_rechecks(tmp_path):
    (tmp_path / "my_lemmas.py").write_text(MODULE)
    p = run_process("run", "--module", "my_lemmas.py", "--quiet", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    out = tmp_path / "runs" / "my_lemmas"
    assert (out / "REPORT.md").is_file() and not (tmp_path / "reports").exists()
    errata = (out / "ERRATA.md").read_text()
    assert "fails on the requested range" in errata and "N.1.b" in errata
    q = run_process("check", str(out / "certificate.json"), cwd=tmp_path)
    assert q.returncode == 0 and q.stdout.startswith("OK"), q.stdout + q.stderr


def test_partial_run_default_folder(tmp_path):
    (tmp_path / "my_lemmas.py").write_text(MODULE)
    p = run_cli("run", "--module", "my_lemmas.py", "--lemma", "N.1", "--quiet", cwd=tmp_path)
    assert p.returncode == 0 and "runs/N.1" in p.stdout, p.stdout + p.stderr


def test_module_errors_are_one_line(tmp_path):
    (tmp_path / "empty.py").write_text("X = 1\n")
    for args in (["--module", "missing.py"], ["--module", "empty.py"]):
        p = run_cli("run", *args, cwd=tmp_path)
        assert p.returncode == 2 and "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1


def test_version():
    import certify
    p = run_process("--version", cwd=ROOT)
    assert p.returncode == 0 and p.stdout.strip() == f"certify {certify.__version__}"


def test_mathematicians_notation():
    from certify.domain import parse_domain
    from certify.expr.parse import parse_expr, parse_relations
    assert str(parse_domain("0 <= z <= 1, 1/3 < b < 1/2")) == "z in [0, 1], b in (1/3, 1/2)"
    assert str(parse_domain("β ∈ (−1, ∞)")) == "beta in (-1, oo)"
    assert parse_expr("2·π·x^2", ("x",)) is parse_expr("2*pi*x**2", ("x",))
    parts = parse_relations("0 ≤ sin(x) < 1", ("x",))
    assert [op for _, op, _ in parts] == ["<=", "<"]


def test_chains_identities_and_ends_from_the_command_line():
    ok = run_cli("prove", "0 <= x**2 <= 1", "--over", "-1 <= x <= 1", cwd=ROOT)
    assert ok.returncode == 0 and ok.stdout.startswith("PROVED"), ok.stdout + ok.stderr
    bad = run_cli("prove", "0 <= x**2 < 1", "--over", "x ∈ [-1, 1]", cwd=ROOT)
    assert bad.returncode == 1 and "x**2 < 1" in bad.stdout, bad.stdout
    ident = run_cli("prove", "sqrt(x**2) == x", "--over", "x in [-1, 1]", cwd=ROOT)
    assert ident.returncode == 1 and ident.stdout.startswith("REFUTED")
    end = run_cli("prove", "sin(x) <= 1", "--over", "x in [0, pi]", cwd=ROOT)
    assert end.returncode == 0 and end.stdout.startswith("PROVED"), end.stdout + end.stderr
    reversed_ = run_cli("prove", "sin(x) <= 1", "--over", "x in [4, pi]", cwd=ROOT)
    assert reversed_.returncode == 2 and "reversed range" in reversed_.stderr \
        and len(reversed_.stderr.strip().splitlines()) == 1


def test_report_is_rebuilt_from_a_certificate_without_recomputing(tmp_path):
    import json
    out = tmp_path / "R.md"
    p = run_process("report", str(ROOT / "reports" / "certificate.json"), "--out", str(out), cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    text = out.read_text()
    bundle = json.loads((ROOT / "reports" / "certificate.json").read_text())
    assert text.count("**PROVED**") == sum(e["status"] == "PROVED" for e in bundle["claims"])
    assert "## Lemma C.6" in text
    (tmp_path / "x.json").write_text("{}")
    q = run_cli("report", str(tmp_path / "x.json"), cwd=tmp_path)
    assert q.returncode == 2 and len(q.stderr.strip().splitlines()) == 1


def test_json_documents_carry_the_schema_and_errors_are_json():
    import json
    for args, code in ((("prove", "x > 0", "--over", "x in (0, 1]", "--json"), 0),
                       (("bound", "x**2", "--over", "x in [0, 1]", "--min", "--json"), 0),
                       (("prove", "x > 0", "--over", "x in [1, 0]", "--json"), 2)):
        p = run_cli(*args, cwd=ROOT)
        doc = json.loads(p.stdout)
        assert p.returncode == code and doc["schema"] == "certify-json/1" and doc["command"] == args[0]
        assert doc["status"] == ("ERROR" if code == 2 else "PROVED"), doc


def _main_json(capsys, *argv):
    from certify.cli import main
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def test_criterion_json_has_one_shape_with_and_without_param(capsys, tmp_path):
    code0, plain, _ = _main_json(capsys, "criterion", "sin(x)", "--M", "pi", "--json")
    code1, swept, _ = _main_json(capsys, "criterion", "sin(x)*exp(beta*(cos(x)-1))", "--param",
                                 "beta in [-0.30, -0.28]", "--M", "pi", "--json")
    assert (code0, plain["status"], code1, swept["status"]) == (0, "HOLDS", 1, "FAILS")
    assert list(plain) == list(swept) and list(plain)[:3] == ["schema", "command", "status"]
    assert plain["schema"] == swept["schema"] == "certify-json/1" and plain["command"] == "criterion"
    assert plain["param"] is None and swept["param"] == "beta" and plain["cells"] == len(plain["leaves"]) == 1
    path = tmp_path / "run.json"                  # the document is what certify check replays
    path.write_text(json.dumps(swept))
    from certify.cli import main
    assert main(["check", str(path)]) == 0
    capsys.readouterr()


def test_criterion_and_simulate_errors_are_json(capsys, tmp_path):
    cases = [(("criterion", "sin(x", "--json"), 2, "criterion"),
             (("criterion", "sin(x)", "--bogus", "--json"), 2, "criterion"),
             (("criterion", "sin(x)*exp(b*cos(x))", "--param", "b in [1, 0]", "--json"), 2, "criterion"),
             (("simulate", "trajectories", "--beta", "x", "--out", str(tmp_path), "--json"), 2, "simulate"),
             (("simulate", "nonsense", "--out", str(tmp_path), "--json"), 2, "simulate")]
    for argv, want, command in cases:
        code, doc, err = _main_json(capsys, *argv)
        assert code == want and doc["status"] == "ERROR" and doc["command"] == command, (argv, doc)
        assert doc["schema"] == "certify-json/1" and doc["error"] and "\n" not in doc["error"]
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_simulate_json_envelope(capsys, tmp_path, no_figures):
    code, doc, _ = _main_json(capsys, "simulate", "trajectories", "--beta", "2", "--n", "12", "--horizon",
                              "50", "--quiet", "--out", str(tmp_path), "--json")
    assert list(doc)[:3] == ["schema", "command", "status"] and doc["command"] == "simulate"
    assert doc["experiment"] == "trajectories"
    assert (code, doc["status"]) == ((0, "OK") if doc["result"]["synchronized"] else (3, "NOT_SYNCHRONIZED"))


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_helper_eta_terminal_log_and_quiet():
    from certify.progress import Progress
    log = io.StringIO()
    with Progress(100, "job", stream=log) as bar:
        for _ in range(100):
            bar.advance(note="step")
    lines = log.getvalue().splitlines()
    assert 1 <= len(lines) <= 10 and lines[-1].startswith("job [") and "100.0%" in lines[-1]
    assert "left" in lines[0] and "\r" not in log.getvalue()
    steps = io.StringIO()
    with Progress(3, "run", stream=steps, log_lines=3) as bar:
        for k in range(3):
            bar.advance(note=f"claim {k}")
    assert [line.split()[-1] for line in steps.getvalue().splitlines()] == ["0", "1", "2"]
    tty = _Tty()
    with Progress(5, "t", stream=tty) as bar:
        for _ in range(5):
            bar.advance()
    assert tty.getvalue().startswith("\r") and tty.getvalue().count("\n") == 1
    quiet = io.StringIO()
    with Progress(5, "q", stream=quiet, enabled=False) as bar:
        bar.advance()
    assert quiet.getvalue() == ""


def test_progress_on_criterion_check_and_run(tmp_path):
    argv = ("criterion", "sin(x)*exp(beta*(cos(x)-1))", "--param", "beta in [-0.26, 2]", "--M", "pi")
    shown = run_cli(*argv, cwd=tmp_path)
    lines = shown.stderr.strip().splitlines()            # not a terminal: at most ten lines
    assert shown.returncode == 0 and 1 <= len(lines) <= 10 and all(l.startswith("criterion [") for l in lines)
    assert "left" in shown.stderr and "100.0%" in lines[-1]
    quiet = run_cli(*argv, "--quiet", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout.splitlines()[2:] == shown.stdout.splitlines()[2:]
    (tmp_path / "my_lemmas.py").write_text(MODULE)
    run = run_cli("run", "--module", "my_lemmas.py", cwd=tmp_path)
    assert run.returncode == 0 and len(run.stderr.strip().splitlines()) == 3     # one line per claim
    assert all(l.startswith("run [") for l in run.stderr.splitlines()) and "N.1.b REFUTED" in run.stderr
    check = run_cli("check", str(tmp_path / "runs" / "my_lemmas" / "certificate.json"), cwd=tmp_path)
    assert check.returncode == 0 and check.stderr.startswith("check [")
    check = run_cli("check", str(tmp_path / "runs" / "my_lemmas" / "certificate.json"), "--quiet", cwd=tmp_path)
    assert check.returncode == 0 and check.stderr == ""


def test_progress_on_simulate(capsys, tmp_path, no_figures):
    from certify.cli import main
    argv = ["simulate", "sync-sweep", "--beta", "1", "--n", "10", "--starts", "4", "--out", str(tmp_path)]
    main(argv)
    err = capsys.readouterr().err.strip().splitlines()
    assert 1 <= len(err) <= 10 and all(l.startswith("sync-sweep [") for l in err) and "left" in err[0]
    main([*argv, "--quiet"])
    assert capsys.readouterr().err == ""


def test_api_documentation_is_generated_from_the_docstrings(tmp_path):
    pytest.importorskip("pdoc")
    p = subprocess.run([sys.executable, "-m", "pdoc", "certify.api", "certify.executor", "--no-show-source",
                        "-o", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0 and "Error importing" not in p.stderr, p.stderr
    page = (tmp_path / "certify" / "api.html").read_text()
    assert "for all points of" in page and "unpacks the ends" in page       # prove's and Bound's docstrings
    assert "Dask" in (tmp_path / "certify" / "executor.html").read_text()
    assert (ROOT / ".ci" / "api-docs").is_file() and ".ci/api-docs" in (ROOT / ".ci" / "run").read_text()


def test_python_api_result_objects_read_well():
    from certify import Bound, Result, bound, prove
    r = prove("sqrt(x) < 2", over="x in [0, 3]")
    assert isinstance(r, Result) and repr(r).startswith("Result(PROVED, margin=[0.2679")
    assert "bytes>" in repr(r) and len(repr(r)) < 200 and r.certificate["kind"]
    no = prove("z*b - 1/4 > 0", over="b in (1/3, 1/2), z in [0, 1]")
    assert no.status == "REFUTED" and "witness={" in repr(no) and "slack in" in repr(no)
    b = bound("(z - 3/4)**2 - 1", over="z in [1/2, 1]")
    lo, hi = b
    assert isinstance(b, Bound) and lo <= -1 <= hi and b.status == "PROVED"
    assert repr(b) == "Bound(min in [-1, -1], cells=1)" and b.enclosure == ["-1", "-1"]
    top = bound("sqrt(2*z)*(2*z-3)*exp(-z)", over="z in [0, 20]", kind="max")
    assert repr(top).startswith("Bound(max in [0.3748969") and top.status == "PROVED"
    with pytest.raises(ValueError):
        bound("x", over="x in [0, 1]", kind="median")


def test_python_api_criterion_and_claim_kinds():
    from certify import Derived, Inequality, sync_criterion as criterion
    from certify.errors import CertifyInputError
    kuramoto = criterion("sin(x)")
    assert kuramoto.status == "HOLDS" and len(kuramoto.leaves) == 1
    fails = criterion("sin(x)*exp(b*(cos(x) - 1))", "b in [-0.7, -0.6]", M="2pi")
    assert fails.status == "FAILS"
    with pytest.raises(CertifyInputError):
        criterion("sin(x)", M="3pi")
    assert Inequality("t", "", lhs="x", op=">=", rhs=0, over="x in [0, 1]").run().status == "PROVED"
    assert Derived.kind == "derived"


def test_readme_notebook_example_runs_as_shown():
    import doctest
    text = (ROOT / "README.md").read_text()
    block = text.split("## From Python (a notebook)", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    test = doctest.DocTestParser().get_doctest(block, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0 and len(test.examples) >= 6


def test_progress_prints_nothing_when_nothing_was_done():
    from certify.progress import Progress
    log = io.StringIO()
    with Progress(10, "idle", stream=log):
        pass
    assert log.getvalue() == ""


def test_simulate_as_a_process(tmp_path):
    # the real process on bad input: exit 2, one line on stderr, the JSON error document
    p = run_process("simulate", "trajectories", "--beta", "x", "--out", str(tmp_path), "--json", cwd=tmp_path)
    doc = json.loads(p.stdout)
    assert p.returncode == 2 and doc["command"] == "simulate" and doc["status"] == "ERROR", p.stderr
    assert len(p.stderr.strip().splitlines()) == 1 and "Traceback" not in p.stderr


def test_the_parser_loads_no_numerics():
    # every command builds the whole parser: that must not import sympy, numpy or the engine
    code = ("import sys, certify.cli; certify.cli.build_parser(); "
            "print(sorted(m for m in ('sympy', 'numpy', 'flint', 'certify.prover', 'certify.simulate.models') "
            "if m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert p.returncode == 0 and p.stdout.strip() == "[]", p.stdout + p.stderr
