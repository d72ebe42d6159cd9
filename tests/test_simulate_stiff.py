"""The stiff integrator (issue 13): Rosenbrock 2(3) and the automatic switch, against scipy's
Radau on an independent right-hand side (skipped without scipy, which certify does not need)."""
from __future__ import annotations

import math

import numpy as np
import pytest

from certify.simulate import T1, T2, integrate
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


def test_rosenbrock_refuses_systems_without_exact_jacobian():
    with pytest.raises(ValueError, match="exact dense Jacobian"):
        integrate(T2(-10.0, 8), np.linspace(0, 1, 8), 1.0, method="rosenbrock")


def test_user_run_uses_auto_by_default():
    _, tr, data = simulate(RunSpec(model="T1", beta=BETA, n=N), 0.05, merge=None)
    assert "then rosenbrock" in data["meta"]["integrator"]
