"""Initial configurations on T^n: uniform random starts and the stationary three-cluster points of
Lemma C.6 for every n >= 3, with their exact linear stability under (T1).

Lemma C.6 (corrected labelling, reports/ERRATA.md ``C.6.printed_labels_n4``): for
k = floor(n/3), put n0 = n - 2k particles at p0 = 0 and k at each of p1 = alpha, p2 = -alpha,
where alpha in (0, pi) solves (the paper's equation)

    k sin(2 alpha) e^{beta cos 2 alpha} + n0 sin(alpha) e^{beta cos alpha} = 0.          (C6)

The particles at 0 feel k f(alpha) - k f(alpha) = 0, those at +-alpha feel
-(n0 f(alpha) + k f(2 alpha)) = 0: the point is stationary for (T1) and (T2).  For n = 3m + 2
the *balanced* split n0 = m, k = m + 1 (``split="balanced"``; issue 11: stable from much smaller n)
solves the same equation with those counts; for n = 3m, 3m + 1 both splits coincide.  For n = 3m,
alpha = 2 pi / 3 exactly.

Linear stability under (T1), dx_i/dt = -s sum_j f(x_i - x_j) (s the time unit), at a configuration
with n_a particles at p_a (a = 0, 1, 2): the Jacobian is s times the Laplacian-type matrix
J_ij = f'(x_i - x_j) (i != j), J_ii = -sum_{j != i} f'(x_i - x_j).  Its eigenvalues are exactly

* intra-cluster (v supported on cluster a, sum v = 0; multiplicity n_a - 1):
  lambda_a = -s sum_b n_b f'(p_a - p_b);
* inter-cluster (v constant on each cluster): the eigenvalues of the 3 x 3 matrix
  R_ab = s n_b f'(p_a - p_b) (a != b), R_aa = -s sum_{b != a} n_b f'(p_a - p_b); one is 0
  (translation), the other two are real (N^{1/2} R N^{-1/2} is symmetric, N = diag(n_a)).

``stable`` means all of them but the translation are < 0 (the Hessian statement of Lemma C.6,
item 2).  The paper's sufficient condition is f'(alpha) > 0 and f'(2 alpha) > 0 (the differences
are 0, +-alpha, +-2 alpha; ERRATA ``C.6.printed_difference_set``).  Domain: beta < 0 real, n >= 3.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["ThreeCluster", "three_cluster_configuration", "three_cluster_counts", "f_prime_beta",
           "uniform", "SPLITS", "alphas", "max_eigenvalues",
           "stability_thresholds"]

TWO_PI = 2.0 * math.pi
SPLITS = ("paper", "balanced")


def f_prime_beta(beta: float, x):
    """f_beta'(x) e^{beta/2} = (cos x - beta sin^2 x) e^{beta (cos x + 1/2)} (scaled so that the
    values at the C.6 differences, cos ~ -1/2, stay O(1) for every beta < 0)."""
    x = np.asarray(x, dtype=float)
    return (np.cos(x) - beta * np.sin(x) ** 2) * np.exp(beta * (np.cos(x) + 0.5))


def _f_beta(beta: float, x):
    """f_beta(x) e^{beta/2} (same scaling as :func:`f_prime_beta`)."""
    x = np.asarray(x, dtype=float)
    return np.sin(x) * np.exp(beta * (np.cos(x) + 0.5))


def three_cluster_counts(n: int, split: str = "paper") -> tuple[int, int]:
    """(n0, k): n0 particles at 0 and k at each of +-alpha (module docstring)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r} (choose from {', '.join(SPLITS)})")
    if n < 3:
        raise ValueError(f"a three-cluster configuration needs n >= 3 (got n = {n})")
    k = n // 3 if split == "paper" else (n + 1) // 3
    return n - 2 * k, k


_GRID = np.linspace(math.pi / 3, math.pi, 1025)[1:-1]  # sign scan of (C6) on (pi/3, pi)
_CHUNK = 2048  # configurations per vectorized block


def alphas(beta: float, n0, k) -> np.ndarray:
    """For each pair (n0, k), the root alpha in (pi/3, pi) of (C6) nearest to 2 pi/3, or nan when
    (C6) has no sign change on a 1023-point grid of (pi/3, pi) (then no configuration of this
    shape near 2 pi/3 exists; e.g. beta = -1, n = 31: (C6) is positive there); for beta < -2/3
    the root on the branch through 2 pi/3 is found directly (:func:`_branch_alphas`).  Vectorized over
    n0, k; 60 bisection steps refine each bracket to float64 resolution.  For n0 = k the root is
    2 pi/3 exactly."""
    n0 = np.atleast_1d(np.asarray(n0, dtype=float))
    k = np.atleast_1d(np.asarray(k, dtype=float))
    out = np.empty(n0.size)
    for a in range(0, n0.size, _CHUNK):
        out[a:a + _CHUNK] = _alphas_block(beta, n0[a:a + _CHUNK], k[a:a + _CHUNK])
    return out


def _alphas_block(beta, n0, k):
    def g(a):
        return k * _f_beta(beta, 2 * a) + n0 * _f_beta(beta, a)

    vals = g(_GRID[:, None])  # (grid, m)
    change = np.sign(vals[:-1]) * np.sign(vals[1:]) <= 0
    dist = np.where(change, np.abs(_GRID[:-1, None] - TWO_PI / 3), np.inf)
    i = np.argmin(dist, axis=0)
    found = np.isfinite(dist[i, np.arange(k.size)])
    lo, hi = _GRID[i].copy(), _GRID[i + 1].copy()
    glo = g(lo)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        gm = g(mid)
        left = np.sign(gm) == np.sign(glo)
        lo, glo = np.where(left, mid, lo), np.where(left, gm, glo)
        hi = np.where(left, hi, mid)
    out = np.where(found, 0.5 * (lo + hi), np.nan)
    if beta < -2.0 / 3.0:
        branch = _branch_alphas(beta, n0 / k)
        out = np.where(np.isfinite(branch), branch, out)
    out[n0 == k] = TWO_PI / 3
    return out


def _rho(beta, a):
    """(C6) is RHO(alpha) = n0/k with RHO(alpha) = -2 cos(alpha) e^{beta (cos 2alpha - cos alpha)}
    (divide by k sin(alpha) e^{beta cos alpha} > 0)."""
    return -2.0 * np.cos(a) * np.exp(beta * (np.cos(2 * a) - np.cos(a)))


def _golden(fun, lo, hi, steps=80):
    """argmax of a unimodal fun on [lo, hi]."""
    g = (math.sqrt(5.0) - 1.0) / 2.0
    for _ in range(steps):
        a, c = hi - g * (hi - lo), lo + g * (hi - lo)
        lo, hi = (lo, c) if fun(a) > fun(c) else (a, hi)
    return 0.5 * (lo + hi)


def _branch_alphas(beta, rho):
    """For beta < -2/3 RHO decreases through RHO(2pi/3) = 1: the root of RHO = rho on that branch
    (between argmax RHO on (pi/2, 2pi/3) and argmin RHO on (2pi/3, pi)), nan where rho is outside
    the branch's range.  This is the root nearest 2pi/3 even where a second root lies within one
    grid cell of it (near the fold max RHO, e.g. beta = -0.7, n = 8255)."""
    top = _golden(lambda a: _rho(beta, a), math.pi / 2, TWO_PI / 3)
    bottom = _golden(lambda a: -_rho(beta, a), TWO_PI / 3, math.pi)
    inside = (rho <= _rho(beta, top)) & (rho >= _rho(beta, bottom))
    lo = np.where(rho > 1, top, TWO_PI / 3)        # RHO(lo) >= rho >= RHO(hi) on the branch
    hi = np.where(rho > 1, TWO_PI / 3, bottom)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        above = _rho(beta, mid) >= rho
        lo, hi = np.where(above, mid, lo), np.where(above, hi, mid)
    return np.where(inside, 0.5 * (lo + hi), np.nan)


def max_eigenvalues(beta: float, n0, k, alpha) -> np.ndarray:
    """Largest non-translation eigenvalue (module docstring, time unit with s e^{-beta/2} = 1)
    of the configurations (n0, k, k) at (0, alpha, -alpha); vectorized; nan where alpha is nan."""
    n0, k, alpha = (np.atleast_1d(np.asarray(v, dtype=float)) for v in (n0, k, alpha))
    N = np.stack([n0, k, k], axis=1)  # (m, 3)
    p = np.stack([np.zeros_like(alpha), alpha, -alpha], axis=1)
    with np.errstate(invalid="ignore"):
        K = f_prime_beta(beta, p[:, :, None] - p[:, None, :])  # (m, 3, 3)
    intra = -np.einsum("mab,mb->ma", K, N)
    A = K.copy()
    A[:, [0, 1, 2], [0, 1, 2]] = 0.0
    r = np.sqrt(N)
    sym = -(np.einsum("mab,mb->ma", A, N)[:, :, None] * np.eye(3) - r[:, :, None] * A * r[:, None, :])
    ok = np.isfinite(alpha)
    ev = np.full((alpha.size, 3), np.nan)
    ev[ok] = np.linalg.eigvalsh(sym[ok])
    # drop the translation eigenvalue (the one nearest 0), keep the other two
    drop = np.argmin(np.abs(np.nan_to_num(ev, nan=np.inf)), axis=1)
    mask = np.ones_like(ev, dtype=bool)
    mask[np.arange(ev.shape[0]), drop] = False
    inter = ev[mask].reshape(-1, 2)
    intra = np.where(N >= 2, intra, -np.inf)
    return np.where(ok, np.maximum(inter.max(axis=1), intra.max(axis=1)), np.nan)


def stability_thresholds(beta: float, n_max: int, residue: int, split: str = "paper") -> dict:
    """Float64 estimate of Lemma C.6's C_beta for n = residue (mod 3), 3 <= n <= n_max.

    For each n: alpha (:func:`alphas`), the sign condition f'(alpha), f'(2 alpha) > 0 and exact
    linear stability (:func:`max_eigenvalues`).  Returns, for "sign" and "stable", the smallest
    n0 with the property for *every* n in [n0, n_max] of this class (None if it fails at n_max)
    and the n < n0 where it holds anyway ("exceptions").  Not a proof: float64, and the tail
    n > n_max is not covered (issue 11 certifies it)."""
    ns = np.arange(3 + (residue - 3) % 3, n_max + 1, 3)
    k = ns // 3 if split == "paper" else (ns + 1) // 3
    three_cluster_counts(3, split)  # validates split
    n0 = ns - 2 * k
    al = alphas(beta, n0, k)
    with np.errstate(invalid="ignore"):
        sign = np.isfinite(al) & np.all(f_prime_beta(beta, np.stack([al, 2 * al])) > 0, axis=0)
    stable = np.isfinite(al) & (max_eigenvalues(beta, n0, k, al) < 0)
    out = {"beta": beta, "residue": residue, "split": split, "n_max": int(n_max)}
    for name, ok in (("sign", sign), ("stable", stable)):
        bad = np.nonzero(~ok)[0]
        first = 0 if bad.size == 0 else int(bad[-1]) + 1
        n_first = int(ns[first]) if first < ns.size else None
        out[name] = {"n0": n_first, "exceptions": [int(v) for v in ns[:first][ok[:first]]]}
    return out


@dataclass(frozen=True)
class ThreeCluster:
    """A stationary three-cluster point of (T1) (module docstring)."""

    beta: float
    n: int
    split: str
    counts: tuple  # (n0, k, k) at (0, alpha, -alpha)
    alpha: float

    @property
    def positions(self) -> np.ndarray:
        n0, k, _ = self.counts
        return np.repeat([0.0, self.alpha, TWO_PI - self.alpha], [n0, k, k])

    def eigenvalues(self, scale: float = 1.0) -> dict:
        """Exact eigenvalues of the (T1) Jacobian s * J (module docstring) for s = ``scale``
        (times e^{-beta/2}, i.e. with f' replaced by :func:`f_prime_beta`; pass
        scale = s e^{-beta/2} for the true values).  Returns {"intra": [(lambda_a, mult)],
        "inter": [two values], "max": largest non-translation eigenvalue}."""
        N = np.array(self.counts, dtype=float)
        p = np.array([0.0, self.alpha, -self.alpha])
        K = f_prime_beta(self.beta, p[:, None] - p[None, :])
        intra = [(float(-scale * (K[a] @ N)), int(N[a]) - 1) for a in range(3) if N[a] >= 2]
        A = K.copy()
        np.fill_diagonal(A, 0.0)
        r = np.sqrt(N)
        sym = -scale * (np.diag(A @ N) - r[:, None] * A * r[None, :])
        ev = np.sort(np.linalg.eigvalsh(sym))
        inter = [float(v) for v in np.delete(ev, int(np.argmin(np.abs(ev))))]
        return {"intra": intra, "inter": inter, "max": max(inter + [v for v, _ in intra])}

    @property
    def sign_condition(self) -> bool:
        """The paper's sufficient condition f'(alpha) > 0 and f'(2 alpha) > 0."""
        return bool(np.all(f_prime_beta(self.beta, [self.alpha, 2 * self.alpha]) > 0))

    @property
    def stable(self) -> bool:
        """Linearly stable up to translation (all other eigenvalues < 0)."""
        return self.eigenvalues()["max"] < 0


def three_cluster_configuration(n: int, beta: float, split: str = "paper") -> ThreeCluster:
    """The Lemma C.6 point for n particles (module docstring); ``split`` 'paper' or 'balanced'."""
    n0, k = three_cluster_counts(int(n), split)
    if not (math.isfinite(beta) and beta < 0):
        raise ValueError(f"the three-cluster configuration is for beta < 0 (got {beta:g})")
    alpha = float(alphas(float(beta), n0, k)[0])
    if math.isnan(alpha):
        raise ValueError(f"no Lemma C.6 configuration with counts ({n0}, {k}, {k}) at beta = {beta:g}: "
                         "equation (C6) has no root in (0, pi)")
    return ThreeCluster(float(beta), int(n), split, (n0, k, k), alpha)


def uniform(n: int, rng: np.random.Generator) -> np.ndarray:
    """n i.i.d. uniform angles on [0, 2 pi)."""
    return rng.uniform(0.0, TWO_PI, n)
