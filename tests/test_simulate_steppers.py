"""The explicit steppers (Dormand-Prince 5(4), 8(5,3)) and step control against scipy on an
independent numpy right-hand side; the O(n) synchronization test against the sorted diameter."""
from __future__ import annotations

import math

import numpy as np
import pytest

from certify.simulate import T1, integrate
from certify.simulate.diagnostics import diameter, within_arc

BETA, N = 1.5, 20


def _rhs(t, x):
    d = x[:, None] - x[None, :]
    return -np.sum(np.sin(d) * np.exp(BETA * np.cos(d)), axis=1) / (N * math.exp(BETA))


@pytest.mark.parametrize("method", ["dopri5", "dop853"])
def test_explicit_methods_against_scipy(method):
    solve_ivp = pytest.importorskip("scipy.integrate").solve_ivp
    x0 = np.random.default_rng(7).uniform(0, 2 * math.pi, N)
    ref = solve_ivp(_rhs, (0, 3.0), x0, method="DOP853", rtol=1e-13, atol=1e-13).y[:, -1]
    tr = integrate(T1(BETA, N, time_unit="sync"), x0, 3.0, method=method, rtol=1e-9, conv_tol=None)
    assert tr.t_final == 3.0 and tr.energy_monotone
    assert np.max(np.abs(tr.x_final - ref)) < 1e-8 * np.max(np.abs(ref - x0))
    assert tr.nfev < (200 if method == "dopri5" else 100)


def test_within_arc_is_diameter_below_eps():
    rng = np.random.default_rng(0)
    for _ in range(300):
        n = int(rng.integers(1, 30))
        width = 10.0 ** rng.uniform(-8, 0.5)
        x = rng.uniform(0, width, n) + rng.uniform(-10, 10) + 2 * math.pi * rng.integers(-3, 4, n)
        eps = 10.0 ** rng.uniform(-8, 0.4)
        assert within_arc(x, eps) == (diameter(x) < eps)
