"""Tests of the float64 particle simulator (certify/simulate).  Fast: the whole file runs in ~15 s."""
from __future__ import annotations

import argparse
import json
import math

import numpy as np
import pytest
import sympy as sp

from certify.simulate import (
    S1, S3, S4, T1, T2, Interaction, cluster_count, diameter, integrate, kuramoto, order_parameter,
    rank_one,
)
from certify.simulate import cli as sim_cli
from certify.simulate import experiments
from certify.simulate.bessel import bessel_i_scaled, log_tail_bound_force, log_tail_bound_partition
from certify.simulate.diagnostics import cluster_groups, three_cluster_deviation
from certify.simulate.forces import fourier_sums, pairwise_sums
from certify.simulate.integrate import EnergyViolation, half_circle_stop
from certify.simulate.interaction import X

TWO_PI = 2 * math.pi


# ---------------------------------------------------------------------------- Bessel functions

def _ive_series(x, k, terms=200):
    """e^{-x} I_k(x) by the plain power series in log space (reference for moderate x)."""
    y = x / 2
    logs = [(2 * m + k) * math.log(y) - math.lgamma(m + 1) - math.lgamma(m + k + 1) - x for m in range(terms)]
    return math.fsum(math.exp(v) for v in logs)


@pytest.mark.parametrize("x", [1e-6, 0.5, 1.99, 2.01, 4.0, 9.0, 25.0])
def test_bessel_against_series(x):
    v = bessel_i_scaled(x, 40)
    for k in (0, 1, 2, 5, 10, 20):
        ref = _ive_series(x, k)
        if ref > 1e-250:
            assert v[k] == pytest.approx(ref, rel=1e-12)
    # the identity e^x = I_0 + 2 sum I_k used for normalization
    assert v[0] + 2 * bessel_i_scaled(x, 400)[1:].sum() == pytest.approx(1.0, rel=1e-13)


def test_bessel_matches_scipy_when_available():
    special = pytest.importorskip("scipy.special")
    for x in (0.3, 3.0, 16.0, 100.0):
        v = bessel_i_scaled(x, 60)
        ref = special.ive(np.arange(61), x)
        m = ref > 1e-280
        assert np.max(np.abs(v[m] - ref[m]) / ref[m]) < 1e-12


@pytest.mark.parametrize("x", [0.5, 1.0, 4.0, 9.0, 25.0])
def test_tail_bounds_hold(x):
    ive = bessel_i_scaled(x, 400)
    ik = ive * math.exp(x)
    ks = np.arange(401)
    for K in (int(x / 2) + 1, int(x) + 3, int(2 * x) + 5, 40):
        true_force = float(np.sum(2 * ks[K + 1:] * ik[K + 1:] / x))
        true_part = float(np.sum(2 * ik[K + 1:]))
        assert true_force <= math.exp(log_tail_bound_force(x, K)) * (1 + 1e-12)
        assert true_part <= math.exp(log_tail_bound_partition(x, K)) * (1 + 1e-12)


# ---------------------------------------------------------------------------- interactions

def test_interaction_recognition():
    f = Interaction.f_beta("-0.16")
    assert f.kind == "exp" and f.A == 1.0 and f.B == pytest.approx(-0.16)
    g = Interaction.from_string("sin(x)*exp(2*(cos(x)-1))")
    assert g.kind == "exp" and g.B == 2.0 and g.A == pytest.approx(math.exp(-2))
    assert Interaction.kuramoto().kind == "poly"
    assert Interaction.from_string("sin(x) + sin(3*x)/5").kind == "poly"
    h = Interaction(sp.sin(X) + sp.sin(X) ** 3 * sp.tanh(sp.cos(X)))
    assert h.kind == "generic" and h.odd
    assert not Interaction.from_string("sin(2*x)").positive_on_half_circle
    with pytest.raises(ValueError):
        Interaction.from_string("x")  # not periodic
    with pytest.raises(ValueError):
        Interaction.from_string("sin(y)*z")


# ---------------------------------------------------------------------------- forces

@pytest.mark.parametrize("beta", [-2.0, -0.5, 0.0, 1e-9, 1.0, 4.0, 9.0])
def test_fourier_matches_pairwise(beta):
    rng = np.random.default_rng(1)
    n = 600
    x = rng.uniform(0, TWO_PI, n)
    c = rng.uniform(0.5, 2.0, n)
    sysm = T1(beta, n, method="fourier")
    b, a, K, bound = sysm.interaction.fourier(1e-13, partition=True)
    F1, G1, E1, _ = fourier_sums(x, c, b, a, partition=True, energy=True)
    F2, G2, E2 = pairwise_sums(sysm.interaction, x, c, partition=True, energy=True)
    scale = c.sum() * sysm.interaction.sup_lower  # force scale: sum c * sup|f|
    assert np.max(np.abs(F1 - F2)) <= 1e-12 * scale
    assert np.max(np.abs(G1 - G2)) <= 1e-12 * np.max(G2)
    assert abs(E1 - E2) <= 1e-12 * c.sum() ** 2 * sysm.interaction.sup_lower * math.pi
    assert bound <= 1e-13 * sysm.interaction.sup_lower


@pytest.mark.parametrize("expr", ["sin(x)", "sin(2*x)", "sin(x)*(1+cos(x))**3", "sin(x)*exp(3*(cos(x)-1))"])
def test_fourier_matches_pairwise_other_interactions(expr):
    rng = np.random.default_rng(2)
    I = Interaction.from_string(expr)
    x = rng.uniform(0, TWO_PI, 800)
    b, a, K, _ = I.fourier()
    F1, _, E1, _ = fourier_sums(x, None, b, a, energy=True)
    F2, _, E2 = pairwise_sums(I, x, energy=True)
    assert np.max(np.abs(F1 - F2)) <= 1e-12 * 800 * I.sup_lower
    assert E1 == pytest.approx(E2, rel=1e-12, abs=1e-9)


def test_pairwise_targets_and_generic_f():
    rng = np.random.default_rng(3)
    I = Interaction.from_string("sin(x) + sin(x)**3*tanh(cos(x))")
    x = rng.uniform(0, TWO_PI, 300)
    F, _, _ = pairwise_sums(I, x)
    idx = np.array([0, 7, 299])
    Ft, _, _ = pairwise_sums(I, x, targets=idx, chunk_pairs=500)
    assert np.allclose(Ft, F[idx], rtol=0, atol=1e-12)
    ref = -np.array([np.sum(I.f(x[i] - x)) for i in idx])
    assert np.allclose(Ft, ref, atol=1e-11)


# ---------------------------------------------------------------------------- models, energy

def _energy_is_monotone(tr, sysm):
    e = tr.energy
    return tr.energy_monotone and np.all(np.diff(e) >= -sysm.energy_slack())


@pytest.mark.parametrize("make", [
    lambda n, rng: T1(3, n, time_unit="sync"),
    lambda n, rng: T1(-0.5, n, time_unit="sync", method="pairwise"),
    lambda n, rng: T2(2, n),
    lambda n, rng: S3("sin(x)*exp(cos(x))", rng.uniform(0.5, 2, n), time_unit="sync"),
    lambda n, rng: S4("sin(x)*exp(cos(x))", rng.uniform(0.5, 2, n), lambda x: 2 + np.cos(x), time_unit="sync"),
    lambda n, rng: rank_one("sin(x)*exp(2*cos(x))", rng.uniform(0.5, 2, n), rng.uniform(0.5, 2, n), time_unit="sync"),
    lambda n, rng: S1("sin(x) + sin(x)**3*tanh(cos(x))", n, time_unit="sync"),
])
def test_energy_monotone_along_gradient_systems(make):
    rng = np.random.default_rng(4)
    n = 40
    sysm = make(n, rng)
    x0 = rng.uniform(0, TWO_PI, n)
    tr = integrate(sysm, x0, 30.0, record_every=1, conv_tol=None)
    assert tr.energy is not None and len(tr.energy) > 10
    assert _energy_is_monotone(tr, sysm)
    assert tr.energy[-1] > tr.energy[0]


def test_energy_violation_is_reported_not_silent():
    rng = np.random.default_rng(5)
    sysm = kuramoto(40, time_unit="sync")
    x0 = rng.uniform(0, TWO_PI, 40)
    tr = integrate(sysm, x0, 60.0, method="rk4", dt=3.2, conv_tol=None)  # beyond RK4 stability
    assert tr.energy_failures and not tr.energy_monotone
    assert tr.summary()["energy_monotone"] is False
    with pytest.raises(EnergyViolation):
        integrate(sysm, x0, 60.0, method="rk4", dt=3.2, conv_tol=None, strict_energy=True)
    ok = integrate(sysm, x0, 60.0, method="rk4", dt=0.2, conv_tol=None)
    assert ok.energy_monotone


def test_kuramoto_synchronizes_from_random_start():
    rng = np.random.default_rng(6)
    sysm = kuramoto(50, time_unit="sync")
    x0 = rng.uniform(0, TWO_PI, 50)
    tr = integrate(sysm, x0, 1e3, conv_tol=1e-12)
    assert tr.status == "converged"
    assert diameter(tr.x_final) < 1e-8
    assert order_parameter(tr.x_final) == pytest.approx(1.0, abs=1e-12)
    rk = integrate(sysm, x0, 60.0, method="rk4", dt=0.05, conv_tol=1e-10)
    assert diameter(rk.x_final) < 1e-6 and rk.energy_monotone


def test_rk4_and_dopri_agree():
    rng = np.random.default_rng(7)
    sysm = T1(1.5, 20, time_unit="sync")
    x0 = rng.uniform(0, TWO_PI, 20)
    a = integrate(sysm, x0, 3.0, method="rk4", dt=1e-3, conv_tol=None)
    b = integrate(sysm, x0, 3.0, atol=1e-12, conv_tol=None)
    assert a.t_final == pytest.approx(3.0) and b.t_final == pytest.approx(3.0)
    assert np.max(np.abs(a.x_final - b.x_final)) < 1e-9


def test_jacobian_matches_finite_differences():
    sysm = T1(-1.0, 9, time_unit="sync")
    x = np.repeat([0.0, TWO_PI / 3, 2 * TWO_PI / 3], 3)
    J = sysm.jacobian(x)
    h = 1e-6
    Jfd = np.column_stack([(sysm.rhs(x + h * e) - sysm.rhs(x - h * e)) / (2 * h) for e in np.eye(9)])
    assert np.allclose(J, Jfd, atol=1e-8)
    assert sysm.stability(x)["stable"]
    assert T1(-0.5, 9, time_unit="sync").stability(x)["unstable"]


def test_merging_keeps_trajectory_shape_and_synchronizes():
    rng = np.random.default_rng(8)
    sysm = T1(4, 60, time_unit="sync")
    x0 = rng.uniform(0, TWO_PI, 60)
    tr = integrate(sysm, x0, 1e6, collapse=1e-6, record_times=np.geomspace(1e-2, 1e6, 50), conv_tol=None,
                   stop=lambda t, x, s: "sync" if diameter(x) < 1e-7 else None)
    assert tr.events and tr.x.shape[1] == 60
    assert tr.status == "stopped" and diameter(tr.x_final) < 1e-7
    assert tr.final_members.sum() == 60


def test_half_circle_stop():
    sysm = T1(2, 5)
    assert half_circle_stop(0, np.array([0.0, 0.5, 1.0, 2.0, 3.0]), sysm)
    assert half_circle_stop(0, np.array([0.0, 2.0, 4.0]), sysm) is None
    assert half_circle_stop(0, np.array([0.0, 0.1]), S1("sin(2*x)", 2)) is None


# ---------------------------------------------------------------------------- diagnostics

def test_diagnostics():
    x = np.array([0.0, 0.01, 2.0, 2.02, 4.0, -0.01 + TWO_PI])
    assert diameter(x) == pytest.approx(4.01, abs=1e-12)
    assert cluster_count(x, 0.1) == 3
    labels, c = cluster_groups(x, 0.1)
    assert c == 3 and labels[0] == labels[1] == labels[5] and labels[2] == labels[3] != labels[4]
    assert cluster_count(np.zeros(4)) == 1 and diameter(np.zeros(4)) == 0.0
    assert order_parameter(np.array([0.0, math.pi])) == pytest.approx(0.0, abs=1e-15)
    ref = np.repeat([0.0, TWO_PI / 3, 2 * TWO_PI / 3], 4)
    assert three_cluster_deviation(ref + 1.3) < 1e-12


# ---------------------------------------------------------------------------- experiments and CLI

def _args(argv):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    sim_cli.add_parser(sub)
    return parser.parse_args(["simulate", *argv])


def test_three_cluster_stability_matches_theory(tmp_path):
    s = experiments.three_cluster(tmp_path, betas=[-1.0, -0.5], ns=[30], quiet=True, table_n_max=30)
    verdicts = {r["beta"]: r["verdict"] for r in s["results"]}
    assert verdicts == {-1.0: "stable", -0.5: "unstable"}
    assert s["all_agree"]
    assert (tmp_path / "three-cluster.png").exists() and (tmp_path / "three-cluster.svg").exists()
    r = {r["beta"]: r for r in s["results"]}
    assert r[-1.0]["max_nontrivial_eigenvalue_numeric"] < 0 < r[-0.5]["max_nontrivial_eigenvalue_numeric"]
    # n divisible by 3, beta = -1/2: lambda_max = -n f'(2pi/3) / (n e^beta) = (1/2 + 3 beta/4) e^{-3 beta/2}
    lam = (0.5 + 0.75 * -0.5) * math.exp(0.75)
    assert r[-0.5]["max_nontrivial_eigenvalue_numeric"] == pytest.approx(lam, rel=1e-12)
    assert r[-0.5]["max_nontrivial_eigenvalue_theory"] == pytest.approx(lam, rel=1e-12)


@pytest.mark.parametrize("argv, needle", [
    (["bogus"], "unknown experiment"),
    (["three-cluster", "--n", "2"], ">= 3"),
    (["three-cluster", "--split", "odd"], "unknown split"),
    (["three-cluster", "--beta", "0.5"], "beta < 0"),
    (["three-cluster", "--beta", "abc"], "not a number"),
    (["metastability", "--eps", "0.1"], "does not apply"),
    (["metastability", "--beta", "-1"], "beta > 0"),
    (["trajectories", "--beta", "1,2"], "single value"),
    (["trajectories", "--horizon", "nan"], "finite"),
    (["sync-sweep", "--n", "1"], ">= 2"),
    (["sync-sweep", "--seed", "-4"], ">= 0"),
    (["sync-sweep", "--criterion", "/nonexistent/criterion.json"], "no such file"),
    (["all", "--beta", "1"], "does not apply"),
])
def test_bad_input_exit_2(argv, needle, tmp_path, capsys):
    rc = sim_cli.run(_args([*argv, "--out", str(tmp_path), "--quiet"]))
    err = capsys.readouterr().err
    assert rc == 2
    assert needle in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_cli_trajectories_reproducible(tmp_path, capsys, request):
    """The same seed gives the same document and trajectory; another seed another.  The figure
    is drawn on the first run only (it is drawn from the data compared here)."""
    argv = ["trajectories", "--beta", "2", "--n", "12", "--horizon", "50", "--seed", "3", "--quiet"]
    outs = []
    for d in ("a", "b"):
        rc = sim_cli.run(_args([*argv, "--out", str(tmp_path / d), "--json"]))
        outs.append(json.loads(capsys.readouterr().out))
        # exit status 3 iff the run did not synchronize within the horizon (issue 13)
        assert rc == (0 if outs[-1]["result"]["synchronized"] else 3)
        assert (tmp_path / "a" / "trajectories.png").exists()
        assert (tmp_path / d / "trajectories.npz").exists()
        request.getfixturevalue("no_figures")
    for o in outs:
        o["provenance"].pop("command")
    assert outs[0] == outs[1]
    a = np.load(tmp_path / "a" / "trajectories.npz")["x"]
    b = np.load(tmp_path / "b" / "trajectories.npz")["x"]
    assert np.array_equal(a, b)
    rc = sim_cli.run(_args([*argv[:-3], "--seed", "4", "--quiet", "--out", str(tmp_path / "c"), "--json"]))
    other = json.loads(capsys.readouterr().out)
    assert rc in (0, 3) and (rc == 0) == other["result"]["synchronized"]
    assert other["result"] != outs[0]["result"]


def test_sync_sweep_small_with_criterion_file(tmp_path):
    crit = tmp_path / "criterion.json"
    crit.write_text(json.dumps({"holds": [["-1/4", "oo"]]}))
    out = tmp_path / "sim"
    out.mkdir()
    s = experiments.sync_sweep(out, betas=[-0.5, 2.0], ns=[10], starts=3, quiet=True, criterion=crit)
    assert s["certified_ranges"] == [["-1/4", "inf"]]
    assert all(r["fraction_synchronized"] == 1.0 for r in s["table"])
    assert s["all_energy_monotone"]
    assert (out / "sync-sweep.png").exists() and (out / "sync-sweep.json").exists()
    ivs, source, note = experiments.read_certified_ranges(tmp_path / "missing.json")
    assert source.startswith("paper") and "not found" in note


def test_metastability_small(tmp_path, no_figures):
    s = experiments.metastability(tmp_path, betas=[9.0], n=200, horizon=1e5, quiet=True)
    r = s["results"][0]
    assert r["most_unstable_mode"] == 4
    assert r["clusters_at_formation"] is not None and 2 <= r["clusters_at_formation"] <= 8
    assert r["energy_monotone"]
