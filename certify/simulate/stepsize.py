"""Step-size selection of the adaptive integrators: Hairer's initial step and the PI controller
of DOPRI5 (Hairer, Norsett & Wanner, Solving ODEs I, Sec. II.4; Hairer & Wanner II, Sec. IV.2),
for the error norm of :func:`certify.simulate.integrate.integrate`:

    err = max_i |local error estimate_i| / (atol + rtol * max_i |x_new,i - x_i|)   (accept if <= 1).

The local error estimate of a method whose embedded solution has order q behaves like
c (h lambda)^q * displacement on a mode x' ~ lambda x (c ~ 1e-3 for Dormand-Prince 5(4), q = 4;
c ~ 1e-5 for 8(5,3), q = 7; c ~ 1/6 for Rosenbrock 2(3), q = 2), so the first step solves c (h lambda)^q = rtol, with the rate
lambda ~ |F(x0 + h0 F(x0)) - F(x0)| / (h0 |F(x0)|) from one explicit Euler step of size
h0 = 0.01 / max|F(x0)| (one extra right-hand side evaluation, as in Hairer's HINIT), or the
absolute part c h^{q+1} lambda^q |F| = atol if that allows more; halved for safety, and at most
100 h0.
"""
from __future__ import annotations

import math

import numpy as np

__all__ = ["initial_step", "PIController"]

_ERR_CONST = {"dopri5": (1e-3, 4), "dop853": (1e-5, 7), "rosenbrock": (1.0 / 6.0, 2)}


def initial_step(sys, x, v, t_end, atol, rtol, method) -> float:
    """Hairer-type first step (module docstring); costs one evaluation of the right-hand side."""
    d1 = float(np.max(np.abs(v))) if v.size else 0.0
    if d1 <= 1e-300:
        return max(t_end, 1e-12)
    h0 = min(1e-2 / d1, max(t_end, 1e-12))
    d2 = float(np.max(np.abs(sys.rhs(x + h0 * v) - v))) / h0
    c, q = _ERR_CONST[method]
    lam = d2 / d1
    if lam <= 1e-300:
        h = 100 * h0
    else:
        h_rel = (rtol / c) ** (1.0 / q) / lam
        h_abs = (atol / (c * d1 * lam ** q)) ** (1.0 / (q + 1))
        h = min(100 * h0, 0.5 * max(h_rel, h_abs))
    return min(h, max(t_end, 1e-12))


class PIController:
    """The step controller of Hairer's DOPRI5 for the norm of the module docstring:
    h_new = h / fac with fac = clip(err^(a - 0.75 beta) * err_old^-beta / 0.9, 1/10, 5) after an
    accepted step (beta = 0.04 for Dormand-Prince 5(4) as in DOPRI5; 0, plain I control, for
    8(5,3) as in DOP853 and for Rosenbrock; err_old the error of the previous accepted step) and
    fac = clip(err^a / 0.9, 1, 5) after a rejection (no growth in the step after a rejection
    either).  The exponent a = 1 / (q + 1 - w), where
    w = rtol * disp / (atol + rtol * disp) is the relative share of the tolerance: the scaled error
    behaves like h^(q+1) where atol dominates and like h^q where the displacement-relative part
    does (the displacement is itself proportional to h)."""

    def __init__(self, method):
        self.q = _ERR_CONST[method][1]
        self.beta = 0.04 if method == "dopri5" else 0.0
        self.err_old = 1e-4
        self.rejected_last = False

    def _expo(self, w):
        return 1.0 / (self.q + 1.0 - w)

    def accept(self, h, err, w) -> float:
        """Next step after an accepted step of size h with scaled error err <= 1."""
        e = max(err, 1e-10)
        fac = e ** (self._expo(w) - 0.75 * self.beta) / self.err_old ** self.beta / 0.9
        fac = min(5.0, max(0.1, fac))
        h_new = h / fac
        if self.rejected_last:
            h_new = min(h_new, h)
        self.err_old = max(err, 1e-4)
        self.rejected_last = False
        return h_new

    def reject(self, h, err, w) -> float:
        """Smaller step after a rejection (err > 1, or not finite: a factor 10)."""
        self.rejected_last = True
        if not math.isfinite(err):
            return 0.1 * h
        return h / min(5.0, err ** self._expo(w) / 0.9)
