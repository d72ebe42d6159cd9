"""One adaptive step of Dormand-Prince 5(4) or 8(5,3) (explicit) or of the Rosenbrock 2(3) method of
Shampine & Reichelt (1997; MATLAB's ode23s; linearly implicit, L-stable) for stiff regimes.

All return (x_new, v_new, E_new, err, disp, stiff) where err = max_i |local error estimate_i|,
disp = max_i |x_new,i - x_i| (the step's displacement, the scale of the error control),
v_new = dx/dt at x_new (reused by the next step: FSAL), E_new the energy or None, and ``stiff``
Hairer's stiffness indicator h |lambda| ~ h ||f(x_new) - f(y_6)|| / ||x_new - y_6||
(Dormand-Prince 5(4) only, else 0; > 3.25 means the step is limited by stability, not accuracy:
Hairer & Wanner, Solving ODEs II, Sec. IV.2).  Step sizes: :mod:`certify.simulate.stepsize`.

Rosenbrock 2(3) for the autonomous x' = F(x), with d = 1/(2 + sqrt 2), e32 = 6 + sqrt 2 and
W = I - h d J (J the Jacobian of F at x):

    k1 = W^-1 F(x)
    k2 = W^-1 (F(x + h k1 / 2) - k1) + k1,        x_new = x + h k2
    k3 = W^-1 (F(x_new) - e32 (k2 - F(x + h k1/2)) - 2 (k1 - F(x))),
    err = h (k1 - 2 k2 + k3) / 6.

It is second order with the exact Jacobian; :func:`certify.simulate.jacobian.full_jacobian`
supplies it (dense, O(n^2) memory and O(n^3) per step: small n only).
"""
from __future__ import annotations

import math

import numpy as np

__all__ = ["ExplicitRK", "Dopri5", "Dop853", "rosenbrock_step"]

# Dormand-Prince 5(4) tableau (row s: the weights of k_0..k_{s-1} in stage s; row 6: x_new)
_DP5_A = (
    (1 / 5,),
    (3 / 40, 9 / 40),
    (44 / 45, -56 / 15, 32 / 9),
    (19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729),
    (9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656),
)
_DP5_B = (35 / 384, 0.0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84)
_DP5_E = (71 / 57600, 0.0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40)
_D = 1.0 / (2.0 + math.sqrt(2.0))
_E32 = 6.0 + math.sqrt(2.0)


def _rhs_e(sys, x, energy):
    return sys.rhs(x, energy=True) if energy else (sys.rhs(x), None)


class ExplicitRK:
    """Steps of an explicit embedded Runge-Kutta pair with a reused (stages + 1, n) buffer:
    every stage point is one matrix-vector product x + h (a_s . K[:s]) (no per-term
    temporaries) and f(x_new), the last row, is the next step's first stage (FSAL).

    ``Dopri5()``: Dormand-Prince 5(4), error = h |e . K|, with Hairer's stiffness indicator
    (formed only if asked for).  ``Dop853()``: Dormand-Prince 8(5,3) (:mod:`.dop853_tableau`),
    error = h e5^2 / sqrt(e5^2 + e3^2 / 100) with e5, e3 the max norms of the 5th- and
    3rd-order estimates (Hairer's DOP853 combination, in the max norm)."""

    def __init__(self, A, B, E, E3=None):
        self.A = [np.array(r) for r in A] + [np.array(B)]
        self.E = np.array(E)
        self.E3 = None if E3 is None else np.array(E3)
        self.K = np.empty((len(self.A) + 1, 0))

    def __call__(self, sys, x, v, h, energy, stiff=False):
        n, S = x.size, len(self.A)
        if self.K.shape[1] != n:
            self.K = np.empty((S + 1, n))
        K = self.K
        K[0] = v
        y = y_last = x
        for s in range(1, S + 1):
            y = self.A[s - 1] @ K[:s]
            if s == S:
                disp = h * float(np.max(np.abs(y))) if n else 0.0
            y *= h
            y += x
            if s < S:
                K[s] = sys.rhs(y)
                y_last = y
        v_new, E_new = _rhs_e(sys, y, energy)
        K[S] = v_new
        err = h * float(np.max(np.abs(self.E @ K))) if n else 0.0
        if self.E3 is not None and err > 0:
            e3 = h * float(np.max(np.abs(self.E3 @ K)))
            err = err * err / math.sqrt(err * err + 0.01 * e3 * e3)
        hl = 0.0
        if stiff and self.E3 is None:
            dy = float(np.max(np.abs(y - y_last))) if n else 0.0
            hl = h * float(np.max(np.abs(v_new - K[S - 1]))) / dy if dy > 0 else 0.0
        return y, v_new, E_new, err, disp, hl


def Dopri5() -> ExplicitRK:
    return ExplicitRK(_DP5_A, _DP5_B, _DP5_E)


def Dop853() -> ExplicitRK:
    from . import dop853_tableau as T
    return ExplicitRK(T.A, T.B, T.E5, T.E3)


def rosenbrock_step(sys, x, v, h, energy, jac):
    """One Rosenbrock 2(3) step (module docstring); ``jac``: callable x -> dense Jacobian."""
    n = x.size
    Winv = np.linalg.inv(np.eye(n) - (h * _D) * jac(x))  # small dense n: the inverse, reused 3x
    k1 = Winv @ v
    F1 = sys.rhs(x + 0.5 * h * k1)
    k2 = Winv @ (F1 - k1) + k1
    x_new = x + h * k2
    v_new, E_new = _rhs_e(sys, x_new, energy)
    k3 = Winv @ (v_new - _E32 * (k2 - F1) - 2.0 * (k1 - v))
    err = (abs(h) / 6.0) * float(np.max(np.abs(k1 - 2.0 * k2 + k3))) if n else 0.0
    disp = abs(h) * float(np.max(np.abs(k2))) if n else 0.0
    return x_new, v_new, E_new, err, disp, 0.0

