"""Modified Bessel functions I_k(x) and proven Fourier tail bounds (float64, numpy only).

Used by the Fourier force summation of :mod:`certify.simulate.forces` for the interaction
f(x) = A sin(x) e^{B cos x} (f_beta of the paper, eq. (T1), with A = 1, B = beta), through

    e^{B cos t} = I_0(B) + 2 sum_{k>=1} I_k(B) cos(k t)                       (Jacobi-Anger)
    f(t) = A sin(t) e^{B cos t} = -(A/B) d/dt e^{B cos t}
         = sum_{k>=1} b_k sin(k t),     b_k = 2 A k I_k(B) / B                 (B != 0)

and I_k(-x) = (-1)^k I_k(x).

Bessel values
-------------
``bessel_i_scaled(x, K)`` returns e^{-|x|} I_k(|x|) for k = 0..K (the same numbers as
``scipy.special.ive``; scipy is *not* needed).  For |x| <= 2 the power series
I_k(x) = sum_m (x/2)^{2m+k} / (m! (m+k)!) (positive terms, no cancellation) is summed; for
larger |x| Miller's backward recurrence I_{k-1} = I_{k+1} + (2k/x) I_k is run from an index N
well beyond both K and |x| (where I_N / I_0 is below 1e-30 by the bound below) and normalized by
the identity e^{x} = I_0(x) + 2 sum_{k>=1} I_k(x), whose terms are all positive, so the
normalization loses no accuracy.

Tail bound (proved here; used to choose the truncation order K)
---------------------------------------------------------------
For x >= 0, y = x/2 and every k >= 0:

    (B1)   I_k(x) <= y^k / k! * exp(x^2 / (4 (k+1))).

Proof: I_k(x) = sum_{m>=0} y^{2m+k} / (m! (m+k)!) and (m+k)! = k! (k+1)(k+2)...(k+m)
>= k! (k+1)^m, so I_k(x) <= (y^k/k!) sum_m (y^2/(k+1))^m / m! = (y^k/k!) exp(y^2/(k+1)).  QED.

Consequences, for K + 1 > y (so that the geometric series below converges):

    (B2)   sum_{k>K} (2k/x) I_k(x) <= exp(x^2/(4(K+2))) * (y^K / K!) / (1 - y/(K+1)),
    (B3)   sum_{k>K} 2 I_k(x)       <= 2 exp(x^2/(4(K+2))) * (y^{K+1}/(K+1)!) / (1 - y/(K+2)).

Proof of (B2): by (B1), since exp(x^2/(4(k+1))) <= exp(x^2/(4(K+2))) for k >= K+1,
sum_{k>K} (2k/x) I_k <= e^{x^2/(4(K+2))} (2/x) sum_{k>=K+1} y^k/(k-1)!
= e^{x^2/(4(K+2))} (2y/x) sum_{j>=K} y^j/j!  and 2y/x = 1; finally
sum_{j>=K} y^j/j! = (y^K/K!) sum_{i>=0} y^i K!/(K+i)! <= (y^K/K!) sum_i (y/(K+1))^i
= (y^K/K!) / (1 - y/(K+1)).  (B3) is the same computation with the factor k/x removed
(the geometric ratio is then y/(K+2)).  QED.

So truncating f's sine series after K terms changes sum_j c_j f(x_i - x_j) by at most
|A| (sum_j |c_j|) * (B2), uniformly in the particle positions; (B3) plays the same role for the
partition function sum_j c_j h(cos(x_i - x_j)) of the normalized system (T2).  These bounds are
about truncation only; float64 rounding (about 1e-15 relative to the force scale here) is
separate and is measured, not proved, by ``bench/forces.py`` and the tests.
"""
from __future__ import annotations

import math

import numpy as np

__all__ = [
    "bessel_i_scaled",
    "bessel_i",
    "log_tail_bound_force",
    "log_tail_bound_partition",
    "choose_order",
]


def _series_scaled(x: float, K: int) -> np.ndarray:
    """e^{-x} I_k(x), k = 0..K, by the power series (0 <= x <= 2)."""
    y = x / 2.0
    out = np.zeros(K + 1)
    y2 = y * y
    lead = 1.0  # y^k / k!
    for k in range(K + 1):
        if k > 0:
            lead *= y / k
        if lead == 0.0:
            break
        term, total, m = lead, lead, 0
        while True:
            m += 1
            term *= y2 / (m * (m + k))
            total += term
            if term <= 1e-17 * total:
                break
        out[k] = total
    return out * math.exp(-x)


def _miller_scaled(x: float, K: int) -> np.ndarray:
    """e^{-x} I_k(x), k = 0..K, by Miller's backward recurrence (x > 0)."""
    # Start far enough that I_N(x)/e^x < 1e-30 (I_k decays like exp(-k^2/(2x)) for k < x and
    # faster than (e x / 2k)^k beyond; both are covered by the margin below).
    N = int(max(K, x) + 20.0 * math.sqrt(x) + 40)
    vals = np.zeros(N + 2)
    vals[N + 1] = 0.0
    vals[N] = 1e-300
    two_over_x = 2.0 / x
    for k in range(N, 0, -1):
        vals[k - 1] = vals[k + 1] + k * two_over_x * vals[k]
        if vals[k - 1] > 1e250:  # rescale to avoid overflow; ratios are all that matter
            vals[k - 1 :] *= 1e-250
    vals = vals[: N + 1]
    norm = vals[0] + 2.0 * vals[1:].sum()  # = e^x * (common scale)
    return vals[: K + 1] / norm


def bessel_i_scaled(x: float, K: int) -> np.ndarray:
    """Return the array [e^{-|x|} I_k(|x|) for k = 0..K] (float64).

    Agrees with ``scipy.special.ive(range(K+1), abs(x))`` to ~1e-15 relative (tested).
    For the signed argument use I_k(x) = (-1)^k I_k(|x|).
    """
    K = int(K)
    if K < 0:
        raise ValueError("K must be >= 0")
    ax = abs(float(x))
    if not math.isfinite(ax):
        raise ValueError("x must be finite")
    if ax == 0.0:
        out = np.zeros(K + 1)
        out[0] = 1.0
        return out
    if ax <= 2.0:
        return _series_scaled(ax, K)
    return _miller_scaled(ax, K)


def bessel_i(x: float, K: int) -> np.ndarray:
    """I_k(x) for k = 0..K and signed x (may overflow for |x| > ~700)."""
    v = bessel_i_scaled(x, K) * math.exp(abs(float(x)))
    if x < 0:
        v[1::2] *= -1.0
    return v


def log_tail_bound_force(x: float, K: int) -> float:
    """log of the bound (B2) on sum_{k>K} (2k/|x|) I_k(|x|); -inf when x == 0 and K >= 1."""
    ax = abs(float(x))
    y = ax / 2.0
    if ax == 0.0:
        return -math.inf if K >= 1 else 0.0
    if K + 1 <= y:
        return math.inf
    return (
        ax * ax / (4.0 * (K + 2))
        + K * math.log(y)
        - math.lgamma(K + 1)
        - math.log1p(-y / (K + 1))
    )


def log_tail_bound_partition(x: float, K: int) -> float:
    """log of the bound (B3) on sum_{k>K} 2 I_k(|x|); -inf when x == 0 and K >= 0."""
    ax = abs(float(x))
    y = ax / 2.0
    if ax == 0.0:
        return -math.inf
    if K + 2 <= y:
        return math.inf
    return (
        math.log(2.0)
        + ax * ax / (4.0 * (K + 2))
        + (K + 1) * math.log(y)
        - math.lgamma(K + 2)
        - math.log1p(-y / (K + 2))
    )


def choose_order(x: float, log_target: float, *, partition: bool = False, k_max: int = 100000) -> int:
    """Smallest K >= 1 whose proven tail bound (B2) (or (B3) if ``partition``) is <= e^{log_target}."""
    bound = log_tail_bound_partition if partition else log_tail_bound_force
    K = 1
    while K <= k_max:
        if bound(x, K) <= log_target:
            return K
        K += 1
    raise ValueError(f"no truncation order <= {k_max} reaches the requested accuracy for beta={x}")
