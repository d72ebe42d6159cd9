"""Lemma C.6 configurations for every n (issue 13): stationarity, exact eigenvalues, thresholds,
structured starts.  Reference: an independent numpy right-hand side of (T1) written here, its
Jacobian by central differences, and mpmath residuals of equation (C6)."""
from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

from certify.simulate import experiments
from certify.simulate.configurations import stability_thresholds, three_cluster_configuration


def _rhs(x, beta):
    """(T1) in paper time, scaled by e^{beta/2}: -sum_j sin(d) e^{beta (cos d + 1/2)}."""
    d = x[:, None] - x[None, :]
    return -np.sum(np.sin(d) * np.exp(beta * (np.cos(d) + 0.5)), axis=1)


def _spectrum(x, beta, h=1e-6):
    n = x.size
    J = np.column_stack([(_rhs(x + h * e, beta) - _rhs(x - h * e, beta)) / (2 * h) for e in np.eye(n)])
    return np.sort(np.linalg.eigvals(J).real)


def _c6(alpha, beta, n0, k):
    a, b = mp.mpf(alpha), mp.mpf(beta)
    return k * mp.sin(2 * a) * mp.exp(b * mp.cos(2 * a)) + n0 * mp.sin(a) * mp.exp(b * mp.cos(a))


@pytest.mark.parametrize("n, beta, split", [(31, -2.0, "paper"), (32, -2.0, "paper"), (32, -1.0, "balanced"),
                                            (32, -0.7, "balanced"), (101, -1.0, "balanced"), (100, -1.0, "paper")])
def test_configuration_is_stationary_with_the_exact_spectrum(n, beta, split):
    conf = three_cluster_configuration(n, beta, split)
    n0, k, _ = conf.counts
    assert n0 + 2 * k == n and (split == "paper" and k == n // 3 or split == "balanced" and k == (n + 1) // 3)
    with mp.workdps(30):
        scale = k * math.exp(-beta) + n0 * math.exp(-beta)
        assert abs(_c6(conf.alpha, beta, n0, k)) < 1e-13 * scale
    x = conf.positions
    assert np.max(np.abs(_rhs(x, beta))) < 1e-12 * n
    ev = conf.eigenvalues()
    exact = np.sort([0.0, *ev["inter"], *[v for v, m in ev["intra"] for _ in range(m)]])
    fd = _spectrum(x, beta)
    assert np.max(np.abs(exact - fd)) < 1e-6 * np.max(np.abs(fd))
    assert ev["max"] == pytest.approx(np.delete(fd, np.argmin(np.abs(fd))).max(), rel=1e-6, abs=1e-8)
    assert conf.stable == (ev["max"] < 0)


def test_no_configuration_when_c6_has_no_root():
    with pytest.raises(ValueError, match="no Lemma C.6 configuration"):
        three_cluster_configuration(31, -1.0)
    with mp.workdps(20):  # (C6) for counts (11, 10, 10) is positive on a fine grid of (pi/3, pi)
        assert all(_c6(a, -1.0, 11, 10) > 0 for a in np.linspace(math.pi / 3, math.pi, 3001)[1:-1])


def test_thresholds_at_beta_minus_one():
    bal = stability_thresholds(-1.0, 400, 2, "balanced")
    pap = stability_thresholds(-1.0, 400, 2, "paper")
    assert bal["stable"]["n0"] == 20 and pap["stable"]["n0"] == 104 and pap["sign"]["n0"] == 131
    for n, split, stable in [(17, "balanced", False), (20, "balanced", True), (101, "paper", False),
                             (104, "paper", True)]:
        try:
            x = three_cluster_configuration(n, -1.0, split).positions
        except ValueError:
            assert not stable
            continue
        fd = _spectrum(x, -1.0)
        assert (np.delete(fd, np.argmin(np.abs(fd))).max() < 0) == stable, (n, split)
    for n, holds in [(128, False), (131, True)]:
        a = three_cluster_configuration(n, -1.0, "paper").alpha
        fp = [(math.cos(t) + math.sin(t) ** 2) * math.exp(-math.cos(t)) for t in (a, 2 * a)]
        assert (min(fp) > 0) == holds
    three = stability_thresholds(-1.0, 100, 0)
    assert three["stable"]["n0"] == 3 and three["sign"]["n0"] == 3


def test_three_cluster_experiment_any_n(tmp_path, no_figures):
    s = experiments.three_cluster(tmp_path, betas=[-0.7, -2.0], ns=[31, 32], quiet=True,
                                  table_betas=[-2.0], table_n_max=60)
    v = {(r["n"], r["beta"]): r["verdict"] for r in s["results"]}
    assert v == {(31, -0.7): "no configuration", (31, -2.0): "stable", (32, -0.7): "unstable",
                 (32, -2.0): "stable"}
    assert s["all_agree"]
    r = next(r for r in s["results"] if r["n"] == 32 and r["beta"] == -2.0)
    assert r["counts"] == [10, 11, 11]
    assert r["max_nontrivial_eigenvalue_numeric"] == pytest.approx(r["max_nontrivial_eigenvalue_theory"], rel=1e-9)
    cls = s["c_beta_estimate"]["table"][0]["classes"]
    assert [c["stable"]["n0"] for c in cls] == [3, 7, 11, 5]


def test_sweep_structured_start_finds_the_stable_state(tmp_path, no_figures):
    s = experiments.sync_sweep(tmp_path, betas=[-1.0, 1.0], ns=[30], starts=2, quiet=True,
                               criterion=tmp_path / "none.json")
    row = {r["beta"]: r for r in s["table"]}
    assert row[-1.0]["structured_start"]["outcome"] == "stable_non_synchronized"
    assert row[1.0]["structured_start"]["outcome"] == "synchronized"
    assert all(r["fraction_synchronized"] == 1.0 for r in s["table"])  # random starts never see it
