"""The stiff integrator (issue 13): Rosenbrock 2(3) and the automatic switch, against scipy's
Radau on an independent right-hand side (skipped without scipy, which certify does not need)."""
from __future__ import annotations

import math

import numpy as np
import pytest

from certify.simulate import S4, T1, T2, Interaction, integrate
from certify.simulate.jacobian import full_jacobian
from certify.simulate.runs import RunSpec, simulate

BETA, N = -10.0, 12


def _reference(x0, t_end):
    solve_ivp = pytest.importorskip("scipy.integrate").solve_ivp
    s = 1.0 / (N * math.exp(BETA))  # sync time unit of (T1)

    def rhs(t, x):
        d = x[:, None] - x[None, :]
        return -s * np.sum(np.sin(d) * np.exp(BETA * np.cos(d)), axis=1)

    def jac(t, x):
        d = x[:, None] - x[None, :]
        M = s * (np.cos(d) - BETA * np.sin(d) ** 2) * np.exp(BETA * np.cos(d))
        np.fill_diagonal(M, 0.0)
        return M - np.diag(M.sum(axis=1))

    sol = solve_ivp(rhs, (0, t_end), x0, method="Radau", jac=jac, rtol=1e-12, atol=1e-12)
    return sol.y[:, -1]


@pytest.mark.parametrize("method", ["rosenbrock", "auto"])
def test_stiff_t1_against_radau(method):
    x0 = np.random.default_rng(0).uniform(0, 2 * math.pi, N)
    if method == "rosenbrock":  # start after the fast transient (2nd order is slow inside it)
        x0 = integrate(T1(BETA, N, time_unit="sync"), x0, 1e-3, method="auto", conv_tol=None).x_final
    ref = _reference(x0, 0.05)
    tr = integrate(T1(BETA, N, time_unit="sync"), x0, 0.05, method=method, conv_tol=None)
    assert np.max(np.abs(tr.x_final - ref)) < 1e-6
    assert tr.energy_monotone
    if method == "auto":
        assert "then rosenbrock" in tr.integrator and tr.steps < 1000


def test_auto_beats_explicit_on_the_stiff_regime():
    x0 = np.random.default_rng(0).uniform(0, 2 * math.pi, N)
    explicit = integrate(T1(BETA, N, time_unit="sync"), x0, 5e-4, conv_tol=None)
    auto = integrate(T1(BETA, N, time_unit="sync"), x0, 5e-4, method="auto", conv_tol=None)
    assert explicit.integrator == "dopri5" and auto.steps * 10 < explicit.steps
    assert np.max(np.abs(auto.x_final - explicit.x_final)) < 1e-6


def test_auto_stays_explicit_when_not_stiff():
    x0 = np.random.default_rng(1).uniform(0, 2 * math.pi, 40)
    tr = integrate(T1(2.0, 40, time_unit="sync"), x0, 20.0, method="auto", conv_tol=None)
    assert tr.integrator == "dopri5"


def _partition_rhs(x, c, beta):
    """(T2)/(S4) with the partition g, written from the formula (independent of certify)."""
    d = x[:, None] - x[None, :]
    H = np.exp(beta * (np.cos(d) - 1))
    return -((np.sin(d) * H) @ c) / (H @ c)


def _partition_systems(beta, n):
    c = np.random.default_rng(2).uniform(0.5, 1.5, n)
    return [(T2(beta, n), np.ones(n)), (S4(Interaction.f_beta(beta), c, "partition"), c)]


@pytest.mark.parametrize("which", [0, 1], ids=["T2", "S4"])
def test_partition_jacobian_against_finite_differences(which):
    x = np.random.default_rng(3).uniform(0, 2 * math.pi, 7)
    system, c = _partition_systems(-6.0, 7)[which]
    h = 1e-6
    fd = np.array([(_partition_rhs(x + h * e, c, -6.0) - _partition_rhs(x - h * e, c, -6.0)) / (2 * h)
                   for e in np.eye(7)]).T
    J = full_jacobian(system, x)
    assert np.max(np.abs(J - fd)) < 1e-7 * np.max(np.abs(J))


@pytest.mark.parametrize("which", [0, 1], ids=["T2", "S4"])
def test_stiff_partition_systems_against_radau(which):
    solve_ivp = pytest.importorskip("scipy.integrate").solve_ivp
    beta, n, t_end = -30.0, 8, 0.2
    x0 = np.random.default_rng(0).uniform(0, 2 * math.pi, n)
    system, c = _partition_systems(beta, n)[which]
    ref = solve_ivp(lambda t, x: _partition_rhs(x, c, beta), (0, t_end), x0, method="Radau",
                    rtol=1e-10, atol=1e-12).y[:, -1]
    tr = integrate(system, x0, t_end, method="rosenbrock", rtol=1e-6, conv_tol=None)
    assert np.max(np.abs(tr.x_final - ref)) < 1e-6 < np.max(np.abs(x0 - ref)) * 1e-4
    assert tr.energy_monotone


def test_rosenbrock_refuses_systems_without_exact_jacobian():
    s = S4(Interaction.f_beta(-10.0), np.ones(8), lambda x: 1.0 + 0.1 * np.cos(x))
    with pytest.raises(ValueError, match="exact dense Jacobian"):
        integrate(s, np.linspace(0, 1, 8), 1.0, method="rosenbrock")


def test_user_run_uses_auto_by_default():
    _, tr, data = simulate(RunSpec(model="T1", beta=BETA, n=N), 0.05, merge=None)
    assert "then rosenbrock" in data["meta"]["integrator"]
