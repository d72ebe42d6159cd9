"""A user's run (issue 13): custom f / initial condition / model from the API and the CLI, saving,
restart, plotting; user errors are one line and a non-zero exit.  Reference: an independent
numpy RK4 of the right-hand side written here (none of the project's force code)."""
from __future__ import annotations

import argparse
import json
import math

import numpy as np
import pytest

from certify.simulate import cli as sim_cli
from certify.simulate.runs import RunSpec, initial_condition, load_run, save_run, simulate


def _args(argv):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    sim_cli.add_parser(sub)
    return parser.parse_args(["simulate", *argv])


def _ref(x0, t_end, rhs, steps=4000):
    x, h = x0.copy(), t_end / steps
    for _ in range(steps):
        k1 = rhs(x)
        k2 = rhs(x + h / 2 * k1)
        k3 = rhs(x + h / 2 * k2)
        k4 = rhs(x + h * k3)
        x = x + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return x


def _s1_rhs(n):
    # (S1), f = sin(x)(1 + cos x), paper time unit (the spec below asks for it)
    def rhs(x):
        d = x[:, None] - x[None, :]
        return -np.sum(np.sin(d) * (1 + np.cos(d)), axis=1)
    return rhs


def test_custom_f_and_initial_condition_against_reference():
    spec = RunSpec(model="S1", n=12, f="sin(x)*(1 + cos(x))", init="2*pi*s**2", time_unit="paper")
    x0 = initial_condition(spec)
    assert np.allclose(x0, 2 * math.pi * (np.arange(12) / 12) ** 2, rtol=0, atol=1e-15)
    _, tr, data = simulate(spec, 0.3, merge=None)
    assert np.max(np.abs(data["x_final"] - _ref(x0, 0.3, _s1_rhs(12)))) < 1e-6
    assert data["t_final"] == pytest.approx(0.3)


def test_s4_partition_with_weights_against_reference():
    n = 10
    spec = RunSpec(model="S4", n=n, f="sin(x)*exp(2*cos(x))", weights="1 + s", g="partition",
                   time_unit="paper")
    c = 1 + np.arange(n) / n

    def rhs(x):  # (S4) with g_i = sum_j c_j e^{2 cos(x_i - x_j)} (the (T2) normalization)
        d = x[:, None] - x[None, :]
        h = np.exp(2 * np.cos(d))
        return -(np.sin(d) * h) @ c / (h @ c)

    x0 = initial_condition(spec)
    _, _, data = simulate(spec, 2.0, merge=None)
    assert np.max(np.abs(data["x_final"] - _ref(x0, 2.0, rhs))) < 1e-6


def test_save_load_restart(tmp_path):
    spec = RunSpec(model="S1", n=12, f="sin(x)*(1 + cos(x))", init="2*pi*s**2", time_unit="paper")
    _, _, first = simulate(spec, 0.15, merge=None)
    save_run(tmp_path / "a.npz", first)
    spec2, saved = load_run(tmp_path / "a.npz")
    assert spec2 == spec and saved["t_final"] == pytest.approx(0.15)
    _, _, cont = simulate(spec2, 0.3, restart=saved, merge=None)
    ref = _ref(initial_condition(spec), 0.3, _s1_rhs(12))
    assert np.max(np.abs(cont["x_final"] - ref)) < 1e-6
    assert np.all(np.diff(cont["t"]) > 0) and cont["t"][0] == 0 and cont["t"][-1] == pytest.approx(0.3)
    assert cont["meta"]["restarts"] == 1 and cont["x"].shape == (cont["t"].size, 12)


def test_initial_condition_from_file(tmp_path):
    x = np.linspace(0, 3, 7)
    np.save(tmp_path / "x.npy", x)
    np.savetxt(tmp_path / "x.txt", x)
    for name in ("x.npy", "x.txt"):
        got = initial_condition(RunSpec(n=7, beta=1.0, init=f"file:{tmp_path / name}"))
        assert np.array_equal(got, x)
    k = initial_condition(RunSpec(n=7, beta=1.0, init="clusters:3"))
    assert sorted(set(np.round(k, 12))) == pytest.approx([0, 2 * math.pi / 3, 4 * math.pi / 3])


def test_cli_run_restart_and_plot(tmp_path, capsys):
    out = str(tmp_path)
    rc = sim_cli.run(_args(["run", "--model", "kuramoto", "--n", "20", "--horizon", "2", "--quiet",
                            "--out", out, "--save", str(tmp_path / "k.npz")]))
    line = capsys.readouterr().out
    assert rc == 3 and "NOT synchronized by t = 2" in line
    rc = sim_cli.run(_args(["run", "--load", str(tmp_path / "k.npz"), "--horizon", "1e3", "--quiet",
                            "--out", out, "--json"]))
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and data["result"]["synchronized"] and data["result"]["restarts"] == 1
    rc = sim_cli.run(_args(["plot", "--load", str(tmp_path / "run.npz"), "--out", out, "--quiet"]))
    assert rc == 0 and (tmp_path / "plot.png").exists() and "synchronized at t=" in capsys.readouterr().out


@pytest.mark.parametrize("argv, needle", [
    (["run", "--model", "S2"], "unknown model"),
    (["run", "--model", "T1", "--f", "sin(x)"], "does not apply to model T1"),
    (["run", "--model", "S1"], "needs f"),
    (["run", "--model", "S1", "--f", "__import__('os').system('true')"], "only calls to known functions"),
    (["run", "--model", "S1", "--f", "x"], "periodic"),
    (["run", "--model", "S3", "--f", "sin(x)", "--weights", "s - 0.5"], "positive"),
    (["run", "--init", "clusters:0"], "clusters:K"),
    (["run", "--init", "file:/nonexistent.npy"], "no such file"),
    (["run", "--init", "exp(1/s)"], "not finite"),
    (["run", "--n", "10000001"], "at most 10000000"),
    (["run", "--integrator", "rk4"], "needs --dt"),
    (["run", "--load", "/nonexistent.npz"], "no such file"),
    (["plot"], "needs --load"),
    (["plot", "--beta", "1"], "does not apply"),
])
def test_cli_run_user_errors(argv, needle, tmp_path, capsys):
    rc = sim_cli.run(_args([*argv, "--out", str(tmp_path), "--quiet"]))
    err = capsys.readouterr().err
    assert rc == 2, err
    assert needle in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_cli_load_rejects_foreign_file_and_overrides(tmp_path, capsys):
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    rc = sim_cli.run(_args(["plot", "--load", str(tmp_path / "junk.npz"), "--out", str(tmp_path)]))
    assert rc == 2 and "not a saved certify simulate run" in capsys.readouterr().err
    spec = RunSpec(model="kuramoto", n=5)
    save_run(tmp_path / "k.npz", simulate(spec, 1.0)[2])
    rc = sim_cli.run(_args(["run", "--load", str(tmp_path / "k.npz"), "--model", "T1", "--out", str(tmp_path)]))
    assert rc == 2 and "does not apply with --load" in capsys.readouterr().err


def test_huge_n_without_a_valid_fourier_bound_is_a_clear_error():
    from certify.simulate import T1
    from certify.simulate.models import PAIRWISE_MAX, NumericalError

    n = PAIRWISE_MAX + 1
    x = 1.0 + np.random.default_rng(0).uniform(-1e-7, 1e-7, n)  # one tight cluster: bound fails
    with pytest.raises(NumericalError, match="out of reach"):
        T1(1.0, n, time_unit="sync").rhs(x)
