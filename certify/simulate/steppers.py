"""One adaptive step of Dormand-Prince 5(4) (explicit) or of the Rosenbrock 2(3) method of
Shampine & Reichelt (1997; MATLAB's ode23s; linearly implicit, L-stable) for stiff regimes.

Both return (x_new, v_new, E_new, err_vec, stiff) where err_vec is the local error estimate,
v_new = dx/dt at x_new (reused by the next step: FSAL), E_new the energy or None, and ``stiff``
Hairer's stiffness indicator h |lambda| ~ h ||f(x_new) - f(y_6)|| / ||x_new - y_6|| (Dormand-Prince
only; > 3.25 means the step is limited by stability, not accuracy: Hairer & Wanner, Solving ODEs
II, Sec. IV.2).  The error exponent is 1/5 for Dormand-Prince and 1/3 for Rosenbrock 2(3).

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

__all__ = ["dopri5_step", "rosenbrock_step", "ORDER_EXPONENT"]

# Dormand-Prince 5(4) tableau
_A = (
    (),
    (1 / 5,),
    (3 / 40, 9 / 40),
    (44 / 45, -56 / 15, 32 / 9),
    (19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729),
    (9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656),
    (35 / 384, 0.0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84),
)
_E = (71 / 57600, 0.0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40)
_D = 1.0 / (2.0 + math.sqrt(2.0))
_E32 = 6.0 + math.sqrt(2.0)
ORDER_EXPONENT = {"dopri5": 0.2, "rosenbrock": 1.0 / 3.0}


def _rhs_e(sys, x, energy):
    return sys.rhs(x, energy=True) if energy else (sys.rhs(x), None)


def dopri5_step(sys, x, v, h, energy):
    ks = [v]
    y6 = x
    for s in range(1, 7):
        acc = x.copy()
        for j, a in enumerate(_A[s]):
            if a != 0.0:
                acc += (h * a) * ks[j]
        if s < 6:
            ks.append(sys.rhs(acc))
            y6 = acc
        else:
            x_new = acc
    v_new, E_new = _rhs_e(sys, x_new, energy)
    ks.append(v_new)
    err_vec = sum(e * k for e, k in zip(_E, ks) if e != 0.0) * h
    dy = float(np.max(np.abs(x_new - y6))) if x.size else 0.0
    stiff = h * float(np.max(np.abs(v_new - ks[5]))) / dy if dy > 0 else 0.0
    return x_new, v_new, E_new, err_vec, stiff


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
    err_vec = (h / 6.0) * (k1 - 2.0 * k2 + k3)
    return x_new, v_new, E_new, err_vec, 0.0

