"""Accuracy of the simulator's force sums against an independent mpmath reference (issue 13).

Reference: mpmath at 113 bits (quad precision), direct differences x_i - x_j of the float64
inputs (taken as exact), f~(d) = sin(d) e^{beta (cos d - 1)} for beta >= 0 and
sin(d) e^{beta (cos d + 1)} for beta < 0 (f_beta scaled by e^{-|beta|}, which is what the
simulator computes; see certify.simulate.models).  None of the project's force code is used.

Stated bound (forces.pairwise_sums docstring):
|F^_i - F~_i| <= (n + 8 + 6|beta|) u sum_j |f~(d_ij)|, u = 2^-53; on the clustered configurations below this gives a normwise relative error
max_i |F^_i - F~_i| / max_i |F~_i| <= 1e-12, asserted.
"""
from __future__ import annotations

import argparse
import json
import math
import time

import mpmath as mp
import numpy as np
import pytest

from certify.simulate import T1, T2, integrate
from certify.simulate import cli as sim_cli
from certify.simulate.bessel import choose_order
from certify.simulate.forces import pairwise_sums
from certify.simulate.interaction import Interaction
from certify.simulate import S4
from certify.simulate.models import K_MAX, NumericalError

BETAS = [-50.0, -10.0, 0.5, 50.0, 200.0, 700.0, 1000.0]
U = 2.0 ** -53
REL_BOUND = 1e-12


def _cluster(n, center=2.0, width=1e-6, seed=0):
    rng = np.random.default_rng(seed)
    return center + rng.uniform(-width / 2, width / 2, n)


def _ref_terms(x, beta, rows):
    """mpmath reference: per target row i, (F~_i, sum_j |f~(d_ij)|, G~_i, [W~(d_ij)])."""
    with mp.workprec(113):
        b = mp.mpf(beta)
        shift = -abs(b)
        out = []
        for i in rows:
            F = mp.mpf(0)
            A = mp.mpf(0)
            G = mp.mpf(0)
            xi = mp.mpf(float(x[i]))
            for xj in x:
                d = xi - mp.mpf(float(xj))
                h = mp.exp(b * mp.cos(d) + shift)
                t = mp.sin(d) * h
                F -= t
                A += abs(t)
                G += h
            out.append((F, A, G))
        return out


def _ref_energy(x, beta):
    """E~ = -1/2 sum_ij W~(d_ij), W~(d) = (e^{beta - |beta|} - e^{beta cos d - |beta|}) / beta."""
    with mp.workprec(113):
        b = mp.mpf(beta)
        E = mp.mpf(0)
        xs = [mp.mpf(float(v)) for v in x]
        for xi in xs:
            for xj in xs:
                d = xi - xj
                E += (mp.exp(b - abs(b)) - mp.exp(b * mp.cos(d) - abs(b))) / b
        return -E / 2


@pytest.mark.parametrize("beta", BETAS)
def test_pairwise_force_on_tight_cluster(beta):
    n = 24
    x = _cluster(n)
    I = Interaction.f_beta(beta)
    F, G, E = pairwise_sums(I, x, partition=True, energy=True, scaled=True)
    ref = _ref_terms(x, beta, range(n))
    Fr = np.array([float(r[0]) for r in ref])
    err = max(abs(mp.mpf(float(F[i])) - ref[i][0]) for i in range(n))
    assert np.all(np.isfinite(F)) and np.all(np.isfinite(G)) and math.isfinite(E)
    assert float(err) <= REL_BOUND * np.max(np.abs(Fr))
    for i in range(n):  # the componentwise bound of the docstring
        assert abs(mp.mpf(float(F[i])) - ref[i][0]) <= (n + 8 + 6 * abs(beta)) * U * ref[i][1]
        assert abs(mp.mpf(float(G[i])) - ref[i][2]) <= (n + 8 + 6 * abs(beta)) * U * ref[i][2]
    Er = _ref_energy(x, beta)
    assert abs(mp.mpf(E) - Er) <= 1e-10 * abs(Er)
    # the system actually used by the simulator agrees (auto method choice, scaled forces)
    Fs = T1(beta, n, time_unit="sync").forces(x)[0]
    assert float(max(abs(mp.mpf(float(Fs[i])) - ref[i][0]) for i in range(n))) <= REL_BOUND * np.max(np.abs(Fr))


@pytest.mark.parametrize("beta", [-50.0, -20.0, -10.0, 50.0])
def test_auto_method_rejects_fourier_on_cluster(beta):
    """n > 2K + 8 so 'auto' tries the Fourier sum; its error bound fails -> pairwise, accurate."""
    n = 260
    x = _cluster(n, center=-1.0, seed=1)
    for sysm in (T1(beta, n, time_unit="sync"), T2(beta, n)):
        if sysm.name == "T1":
            assert sysm.use_fourier()  # a priori eligible (T2 needs a larger K for G)
        v = sysm.rhs(x)
        assert sysm.last_method == "pairwise"
        assert np.all(np.isfinite(v))
        rows = [0, 17, n - 1]
        ref = _ref_terms(x, beta, rows)
        for k, i in enumerate(rows):
            Fr, _, Gr = ref[k]
            if sysm.name == "T2":
                want = Fr / Gr
                got = mp.mpf(float(v[i]))
            else:
                want = Fr
                got = mp.mpf(float(v[i])) / mp.mpf(sysm.velocity_scale)
            scale = max(abs(float(r[0] if sysm.name == "T1" else r[0] / r[2])) for r in ref)
            assert abs(got - want) <= 1e-11 * scale


def test_auto_method_keeps_fourier_on_uniform_start():
    rng = np.random.default_rng(2)
    n = 3000
    x = rng.uniform(0, 2 * math.pi, n)
    sysm = T1(4.0, n, time_unit="sync")
    F = sysm.forces(x)[0]
    assert sysm.last_method == "fourier"
    Fp = pairwise_sums(sysm.interaction, x, scaled=True)[0]
    assert np.max(np.abs(F - Fp)) <= sysm.auto_rel_tol * np.max(np.abs(Fp))


@pytest.mark.parametrize("beta", [0.5, 4.0, -10.0, 50.0, 200.0, 700.0])
def test_fourier_truncation_bound_against_exact_coefficients(beta):
    """sum_{k>K} |b~_k| (mpmath Bessel I_k) <= the stated bound (Interaction.fourier_scaled)."""
    I = Interaction.f_beta(beta)
    b, a, K, bound = I.fourier_scaled(1e-13)
    x = abs(beta)
    with mp.workprec(80):
        ex = mp.exp(-x)
        bk = lambda k: 2 * k * mp.besseli(k, x) * ex / x  # noqa: E731
        tail = mp.mpf(0)
        k = K + 1
        while True:
            t = bk(k)
            tail += t
            if t < tail * mp.mpf(10) ** -20 or k > K + 2000:
                break
            k += 1
        assert tail <= bound * (1 + 1e-12)
        assert bound <= 1e-13 * I.sup_lower_scaled
        for k in (1, 2, K // 2, K):  # the float64 coefficients themselves
            ref = bk(k) * (-1) ** (k + 1) if beta < 0 else bk(k)  # I_k(B)/B, B < 0
            assert abs(b[k] - ref) <= 1e-12 * abs(ref) + 1e-300
    assert K <= K_MAX


def test_choose_order_k_max_raises():
    with pytest.raises(ValueError):
        choose_order(1000.0, -1e6, k_max=50)


def test_large_beta_is_finite_and_unit_is_right():
    for beta in (705.0, 709.0, 709.5, 1000.0):
        s = T1(beta, 10, time_unit="sync")
        # sync unit: velocity multiplier of the scaled force is 1/n (never 1/n by accident of nan)
        assert s.velocity_scale == pytest.approx(1 / 10, rel=1e-12)
        x = np.linspace(0, 1, 10)
        v, E = s.rhs(x, energy=True)
        assert np.all(np.isfinite(v)) and math.isfinite(E) and E < 0
        assert s.interaction.positive_on_half_circle
    with pytest.raises(ValueError, match="not representable"):
        T1(-1000.0, 10, time_unit="sync")


def test_non_finite_velocity_is_an_error_not_a_hang():
    n = 6
    s = S4("sin(x)", np.ones(n), lambda x: np.where(x > 10, np.nan, 1.0))
    with pytest.raises(NumericalError):
        s.rhs(np.full(n, 11.0))
    bad = S4("sin(x)", np.ones(n), lambda x: np.full(x.size, np.nan))
    t0 = time.monotonic()
    with pytest.raises(NumericalError):
        integrate(bad, np.linspace(0, 1, n), 1.0)
    assert time.monotonic() - t0 < 5


def _args(argv):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    sim_cli.add_parser(sub)
    return parser.parse_args(["simulate", *argv])


def test_cli_beta_709_5_returns_promptly(tmp_path, capsys, no_figures):
    t0 = time.monotonic()
    rc = sim_cli.run(_args(["trajectories", "--beta", "709.5", "--n", "12", "--horizon", "1e5",
                            "--quiet", "--json", "--out", str(tmp_path)]))
    assert time.monotonic() - t0 < 20
    out = json.loads(capsys.readouterr().out)
    assert rc in (0, 3)
    assert (rc == 0) == out["result"]["synchronized"]
    assert out["result"]["energy_monotone"]


def test_cli_beta_60_says_not_synchronized(tmp_path, capsys, no_figures):
    rc = sim_cli.run(_args(["trajectories", "--beta", "60", "--n", "12", "--horizon", "1e5",
                            "--quiet", "--out", str(tmp_path)]))
    out = capsys.readouterr().out
    assert rc == sim_cli.EXIT_CODES["not_synchronized"] == 3
    assert "NOT synchronized" in out
    data = json.loads((tmp_path / "trajectories.json").read_text())
    assert data["result"]["synchronized"] is False and "NOT synchronized" in data["result"]["note"]


def test_cli_numerical_failure_exit_code(tmp_path, capsys, monkeypatch):
    from certify.simulate import experiments

    def boom(out, **kw):
        raise NumericalError("T1: non-finite velocity (nan/inf)")

    monkeypatch.setitem(experiments.EXPERIMENTS, "trajectories", boom)
    rc = sim_cli.run(_args(["trajectories", "--quiet", "--out", str(tmp_path)]))
    err = capsys.readouterr().err
    assert rc == 5 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "numerical failure" in err


def test_auto_method_keeps_fourier_at_large_n():
    """The worst-case Fourier bound grows with n; at n = 2e5 on a uniform start it must still be
    accepted (with a 1e-9 tolerance 'auto' fell back to the O(n^2) sum from n ~ 1e4 on)."""
    n = 200_000
    x = np.random.default_rng(3).uniform(0, 2 * math.pi, n)
    sysm = T1(1.0, n, time_unit="sync")
    F = sysm.forces(x)[0]
    assert sysm.last_method == "fourier"
    for i in (0, 1234, n - 1):  # independent direct sum, f_beta scaled by e^{-beta}, in 80-bit floats
        d = (np.longdouble(x[i]) - x.astype(np.longdouble))
        ref = -np.sum(np.sin(d) * np.exp(np.cos(d) - 1))
        assert abs(F[i] - float(ref)) <= sysm.auto_rel_tol * np.max(np.abs(F))
