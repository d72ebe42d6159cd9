"""Figure texts of the simulator (issue 13): the values and words the figures show."""
from __future__ import annotations

import argparse
import json

import pytest

from certify.simulate import cli as sim_cli
from certify.simulate import experiments
from certify.simulate.experiments import traces


def _args(argv):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    sim_cli.add_parser(sub)
    return parser.parse_args(["simulate", *argv])


def test_three_cluster_legend_shows_the_maximum_eigenvalue(tmp_path):
    # issue 13: the maxima are -1.0803 (beta = -1) and -13.724 (beta = -2); the inter-cluster
    # eigenvalues -1.12 and -20.1 are not the maximum
    s = experiments.three_cluster(tmp_path, betas=[-1.0, -2.0], ns=[30], quiet=True, table_n_max=30)
    lam = {r["beta"]: r["max_nontrivial_eigenvalue_theory"] for r in s["results"]}
    assert lam[-1.0] == pytest.approx(-1.0803, abs=5e-5)
    assert lam[-2.0] == pytest.approx(-13.724, abs=5e-4)
    for r in s["results"]:  # the dense Jacobian of the simulated system agrees
        assert r["max_nontrivial_eigenvalue_numeric"] == pytest.approx(lam[r["beta"]], rel=1e-9)


def test_trajectory_titles(tmp_path, capsys):
    rc = sim_cli.run(_args(["trajectories", "--model", "kuramoto", "--n", "10", "--horizon", "1e3",
                            "--quiet", "--out", str(tmp_path)]))
    assert rc == 0
    assert "synchronized at t=" in capsys.readouterr().out
    data = json.loads((tmp_path / "trajectories.json").read_text())
    assert data["parameters"]["beta"] is None  # Kuramoto has no beta (the title said "beta = 9")
    rc = sim_cli.run(_args(["trajectories", "--model", "kuramoto", "--beta", "3", "--quiet",
                            "--out", str(tmp_path)]))
    assert rc == 2 and "does not apply to the Kuramoto" in capsys.readouterr().err


def test_trajectory_title_words():
    class Tr:  # the attributes _trajectory_title reads
        synchronized, t_sync, t_final = False, None, 1e9
        x_final = __import__("numpy").array([0.0, 2.0, 4.0])

    title = traces._trajectory_title(Tr, 60.0, 48, "T1", 7)
    assert "β = 60" in title and "NOT synchronized by t = 1e+09" in title and "7 cluster" in title
    Tr.synchronized, Tr.t_sync = True, 22.9
    assert traces._trajectory_title(Tr, 9.0, 48, "kuramoto", 1) == \
        "Kuramoto (f = sin), n = 48: synchronized at t = 22.9"


def test_log_axes_are_labelled_without_mathtext(tmp_path):
    """Log and symlog tick labels are plain text (10⁻⁵, 2×10⁻⁵, -10²): the same values,
    without mathtext's parser (two thirds of a log-axis figure's time)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from certify.simulate.experiments.common import _save_figure, _unicode_powers
    assert _unicode_powers(r"$\mathdefault{2\times10^{-5}}$") == "2×10⁻⁵"
    assert _unicode_powers(r"$\mathdefault{-10^{2}}$") == "-10²" and _unicode_powers("0.5") == "0.5"
    fig, (a, b) = plt.subplots(1, 2)
    a.semilogy([1, 2, 3], [1e-6, 1e-3, 10])
    b.plot([-5, 5], [0, 1])
    b.set_xscale("symlog", linthresh=1.0)
    _save_figure(fig, tmp_path, "log")
    labels = [t.get_text() for ax in (a, b) for axis in (ax.xaxis, ax.yaxis) for t in axis.get_ticklabels()]
    assert "10⁻⁶" in labels and "-10⁰" in labels
    assert not any("$" in t for t in labels)
    assert (tmp_path / "log.png").stat().st_size > 0 and (tmp_path / "log.svg").stat().st_size > 0
