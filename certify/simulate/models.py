"""The particle systems of the paper as vector fields on the torus T^n (float64).

All systems share the form

    dx_i/dt = scale * (1/g_i(x)) * F_i(x),     F_i(x) = - sum_j c_j f(x_i - x_j),

with
    (S1)  c_j = 1, g_i = 1                                  (any f)
    (T1)  (S1) with f = f_beta = sin(x) e^{beta cos x}
    (T2)  c_j = 1, g_i = sum_j e^{beta cos(x_i - x_j)}     (normalized self-attention)
    (S3)  weights c_j > 0, g_i = 1
    (S4)  weights c_j > 0, any g_i > 0: a constant per-particle array, a callable x -> g(x), or
          "partition" meaning g_i = sum_j c_j h(cos(x_i - x_j)) (the (T2) normalization)
    Corollary 6.4 (rank one): dx_i/dt = - sum_j w1_i w2_j f(x_i - x_j), i.e. (S4) with
          c = w2 and g = 1/w1
    Kuramoto: (S1) with f = sin.

``scale`` is a time unit: the paper's systems have scale = 1.  ``time_unit="sync"`` sets
scale = 1 / (sum_j c_j * f'(0)), so that the linear rate of contraction of a synchronized
cluster is 1 (for f_beta this is t_paper = t / (n e^beta)); it only reparametrizes time.

Gradient structure (paper Sec. 2.1, 2.2 and Lemma 6.3): for odd f the energy

    E(x) = -1/2 sum_{i,j} c_i c_j W(x_i - x_j),   W(t) = int_0^t f,

satisfies dE/dx_i = c_i F_i, hence dE/dt = scale * sum_i c_i F_i^2 / g_i >= 0: E is
non-decreasing along every one of these systems (for f = sin h(cos), W(t) = phi(1) - phi(cos t)
and E is the paper's energy (2) / E_w of Section 6 up to the factor 1/2 and an additive
constant).  The integrators check this monotonicity.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .forces import fourier_sums, pairwise_sums
from .interaction import Interaction

__all__ = [
    "System", "S1", "T1", "T2", "S3", "S4", "rank_one", "kuramoto", "sync_scale",
]

EPS = np.finfo(float).eps


@dataclass
class System:
    """A vector field dx/dt = scale * F(x) / g(x) as described in the module docstring."""

    interaction: Interaction
    n: int
    weights: np.ndarray | None = None
    g: object = None  # None | "partition" | np.ndarray (per particle) | callable(x) -> array
    scale: float = 1.0
    method: str = "auto"  # "auto" | "pairwise" | "fourier"
    fourier_tol: float = 1e-13
    name: str = "S1"
    nfev: int = field(default=0, init=False)

    def __post_init__(self):
        if self.n < 1:
            raise ValueError("need at least one particle")
        if self.weights is not None:
            w = np.asarray(self.weights, dtype=float)
            if w.shape != (self.n,) or not np.all(w > 0) or not np.all(np.isfinite(w)):
                raise ValueError("weights c_j must be a length-n array of positive numbers")
            self.weights = w
        if isinstance(self.g, str):
            if self.g != "partition":
                raise ValueError(f"unknown normalization {self.g!r}")
            if self.interaction.h_expr is None:
                raise ValueError("the partition normalization needs f = sin(x) h(cos x)")
        elif self.g is not None and not callable(self.g):
            gg = np.asarray(self.g, dtype=float)
            if gg.shape != (self.n,) or not np.all(gg > 0):
                raise ValueError("g must be a length-n array of positive numbers")
            self.g = gg
        if self.method not in ("auto", "pairwise", "fourier"):
            raise ValueError(f"unknown force method {self.method!r}")
        if self.method == "fourier" and not self.interaction.has_fourier:
            raise ValueError("Fourier summation needs f = sin(x) h(cos x) with h exponential or polynomial")
        if not (self.scale > 0 and math.isfinite(self.scale)):
            raise ValueError("scale must be positive and finite")
        self._fourier = None
        if self.interaction.has_fourier:
            b, a, K, bound = self.interaction.fourier(self.fourier_tol, partition=isinstance(self.g, str))
            self._fourier = (b, a, K, bound)

    # ------------------------------------------------------------------ properties
    @property
    def c(self) -> np.ndarray:
        return np.ones(self.n) if self.weights is None else self.weights

    @property
    def total_weight(self) -> float:
        return float(self.n if self.weights is None else self.weights.sum())

    @property
    def K(self) -> int | None:
        return None if self._fourier is None else self._fourier[2]

    @property
    def truncation_bound(self) -> float | None:
        """Proven sup-norm bound on |f - (its K-term sine series)|, or None (pairwise only)."""
        return None if self._fourier is None else self._fourier[3]

    @property
    def gradient(self) -> bool:
        """True when E is a Lyapunov function (f odd; g positive)."""
        return bool(self.interaction.odd)

    @property
    def position_only(self) -> bool:
        """Velocity depends only on the particle's position (so coincident particles stay
        together and may be merged into one weighted particle)."""
        return self.g is None or (isinstance(self.g, str) and self.g == "partition")

    def use_fourier(self, n=None) -> bool:
        n = self.n if n is None else n
        if self.method == "pairwise" or self._fourier is None:
            return False
        if self.method == "fourier":
            return True
        return n > 2 * self._fourier[2] + 8

    # ------------------------------------------------------------------ evaluation
    def forces(self, x, energy=False):
        """Return (F, G, E): force F_i = -sum_j c_j f(x_i-x_j), partition G (or None), energy."""
        partition = isinstance(self.g, str)
        if self.use_fourier(x.size):
            b, a, K, _ = self._fourier
            F, G, E, _ = fourier_sums(x, self.weights, b, a, partition=partition,
                                      energy=energy and self.gradient)
        else:
            F, G, E = pairwise_sums(self.interaction, x, self.weights, partition=partition,
                                    energy=energy and self.gradient)
        return F, G, E

    def rhs(self, x, energy=False):
        """dx/dt at x; with ``energy=True`` returns (v, E)."""
        self.nfev += 1
        F, G, E = self.forces(x, energy=energy)
        v = F
        if self.g is None:
            pass
        elif isinstance(self.g, str):
            v = F / G
        elif callable(self.g):
            gx = np.asarray(self.g(x), dtype=float)
            if not np.all(gx > 0):
                raise FloatingPointError("normalization g(x) is not positive")
            v = F / gx
        else:
            v = F / self.g
        if self.scale != 1.0:
            v = v * self.scale
        return (v, E) if energy else v

    def energy(self, x) -> float | None:
        if not self.gradient:
            return None
        return self.forces(x, energy=True)[2]

    def energy_slack(self) -> float:
        """Allowed decrease of E between steps before it counts as a violation: rounding in
        the evaluation of E plus twice the proven truncation error (Fourier), with margin."""
        C = self.total_weight
        wmax = self.interaction.sup_lower * math.pi
        slack = 1e3 * EPS * C * C * wmax * max(1.0, math.log2(max(self.n, 2)))
        if self._fourier is not None and self.use_fourier():
            b = self._fourier[0]
            ks = np.arange(1, b.size)
            slack += 1e3 * EPS * C * C * float(np.sum(np.abs(b[1:]) / ks)) * b.size
            slack += 2 * C * C * (self._fourier[3] or 0.0)
        return slack

    def jacobian(self, x) -> np.ndarray:
        """Jacobian of dx/dt at a *stationary* point x (dense; for small n).

        At a stationary point F = 0, so d(F/g) = dF/g for any normalization, and
        J = -scale * diag(1/g) * L, where L is the Laplacian of [c_j f'(x_i - x_j)].
        """
        x = np.asarray(x, dtype=float)
        D = x[:, None] - x[None, :]
        M = np.asarray(self.interaction.df(D), dtype=float) * self.c[None, :]
        np.fill_diagonal(M, 0.0)
        J = M - np.diag(M.sum(axis=1))
        gx = self._g_values(x)
        return self.scale * J / gx[:, None]

    def stability(self, x, members=None, tol: float = 1e-12) -> dict:
        """Linear stability of a stationary point x of this system (small n only).

        Returns the largest eigenvalue of the Jacobian after removing the translation mode
        (one zero eigenvalue), and, if ``members`` (number of original particles merged in each
        particle, see ``integrate(collapse=...)``) is given, also the "splitting" eigenvalues
        -scale/g_a * sum_b c_b f'(x_a - x_b) of every merged particle (the rate at which its
        members separate; cf. the cut-stability condition (C4) of the paper).
        """
        x = np.asarray(x, dtype=float)
        J = self.jacobian(x)
        ev = np.sort(np.linalg.eigvals(J).real)
        # drop the eigenvalue closest to 0 (translation invariance)
        k = int(np.argmin(np.abs(ev)))
        rest = np.delete(ev, k)
        lam = float(rest.max()) if rest.size else -math.inf
        split = []
        if members is not None:
            D = x[:, None] - x[None, :]
            M = np.asarray(self.interaction.df(D), dtype=float) * self.c[None, :]
            gx = self._g_values(x)
            rates = -self.scale * M.sum(axis=1) / gx
            split = [float(r) for r, mm in zip(rates, members) if mm >= 2]
        lam_all = max([lam] + split)
        scale = max(1.0, float(np.max(np.abs(ev)))) if ev.size else 1.0
        return {
            "max_nontrivial_eigenvalue": lam,
            "max_splitting_eigenvalue": max(split) if split else None,
            "stable": bool(lam_all < -tol * scale),
            "unstable": bool(lam_all > tol * scale),
        }

    def _g_values(self, x):
        if self.g is None:
            return np.ones(x.size)
        if isinstance(self.g, str):
            return pairwise_sums(self.interaction, x, self.weights, force=False, partition=True)[1]
        if callable(self.g):
            return np.asarray(self.g(x), dtype=float)
        return self.g

    def with_weights(self, weights, name=None) -> "System":
        """The same system for merged particles (weights summed); only if position_only."""
        if not self.position_only:
            raise ValueError("merging particles is only valid when the velocity depends on the position alone")
        return System(self.interaction, len(weights), weights=np.asarray(weights, float), g=self.g,
                      scale=self.scale, method=self.method, fourier_tol=self.fourier_tol,
                      name=name or self.name)

    def describe(self) -> dict:
        return {
            "system": self.name,
            "f": str(self.interaction.expr),
            "n": self.n,
            "weighted": self.weights is not None,
            "normalization": (None if self.g is None else self.g if isinstance(self.g, str)
                              else "callable" if callable(self.g) else "per-particle constant"),
            "scale": self.scale,
            "force_method": "fourier" if self.use_fourier() else "pairwise",
            "fourier_K": self.K,
            "fourier_truncation_bound": self.truncation_bound,
            "gradient_system": self.gradient,
        }


# ---------------------------------------------------------------------------- constructors

def sync_scale(interaction: Interaction, total_weight: float) -> float:
    """scale = 1/(sum c * f'(0)) (or 1/sum c if f'(0) <= 0): see the module docstring."""
    d = interaction.df0
    return 1.0 / (total_weight * (d if d > 0 else 1.0))


def _scale(interaction, total, time_unit, scale):
    if scale is not None:
        return float(scale)
    if time_unit == "paper":
        return 1.0
    if time_unit == "sync":
        return sync_scale(interaction, total)
    raise ValueError(f"unknown time unit {time_unit!r} (use 'paper' or 'sync')")


def _interaction(f) -> Interaction:
    if isinstance(f, Interaction):
        return f
    if isinstance(f, str):
        return Interaction.from_string(f)
    return Interaction(f)


def S1(f, n, *, time_unit="paper", scale=None, method="auto", fourier_tol=1e-13) -> System:
    """(S1): dx_i/dt = -sum_j f(x_i - x_j); f a sympy expression in x, a string or Interaction."""
    I = _interaction(f)
    return System(I, n, scale=_scale(I, n, time_unit, scale), method=method,
                  fourier_tol=fourier_tol, name="S1")


def T1(beta, n, **kw) -> System:
    """(T1): (S1) with f_beta(x) = sin(x) e^{beta cos x}."""
    s = S1(Interaction.f_beta(beta), n, **kw)
    s.name = "T1"
    return s


def T2(beta, n, *, scale=1.0, method="auto", fourier_tol=1e-13) -> System:
    """(T2): dx_i/dt = -sum_j e^{beta cos(x_i-x_j)} sin(x_i-x_j) / sum_j e^{beta cos(x_i-x_j)}.

    Already scale-free: a synchronized cluster contracts at rate f'(0)/h(1) = 1."""
    return System(Interaction.f_beta(beta), n, g="partition", scale=scale, method=method,
                  fourier_tol=fourier_tol, name="T2")


def S3(f, weights, *, time_unit="paper", scale=None, method="auto", fourier_tol=1e-13) -> System:
    """(S3): dx_i/dt = -sum_j c_j f(x_i - x_j), c_j > 0."""
    I = _interaction(f)
    w = np.asarray(weights, dtype=float)
    return System(I, w.size, weights=w, scale=_scale(I, float(np.sum(w)), time_unit, scale),
                  method=method, fourier_tol=fourier_tol, name="S3")


def S4(f, weights, g, *, time_unit="paper", scale=None, method="auto", fourier_tol=1e-13) -> System:
    """(S4): dx_i/dt = -(1/g_i(x)) sum_j c_j f(x_i - x_j); g = "partition", an array or a callable."""
    I = _interaction(f)
    w = np.asarray(weights, dtype=float)
    return System(I, w.size, weights=w, g=g, scale=_scale(I, float(np.sum(w)), time_unit, scale),
                  method=method, fourier_tol=fourier_tol, name="S4")


def rank_one(f, w1, w2, *, time_unit="paper", scale=None, method="auto", fourier_tol=1e-13) -> System:
    """Corollary 6.4: dx_i/dt = -sum_j w1_i w2_j f(x_i - x_j) = (S4) with c = w2, g = 1/w1."""
    w1 = np.asarray(w1, dtype=float)
    w2 = np.asarray(w2, dtype=float)
    if w1.shape != w2.shape or not np.all(w1 > 0):
        raise ValueError("w1, w2 must be positive arrays of the same length")
    s = S4(f, w2, 1.0 / w1, time_unit=time_unit, scale=scale, method=method, fourier_tol=fourier_tol)
    s.name = "rank-one (Cor. 6.4)"
    return s


def kuramoto(n, *, coupling=1.0, time_unit="paper", method="auto") -> System:
    """Kuramoto: dx_i/dt = -coupling * sum_j sin(x_i - x_j) (time_unit 'sync': coupling/n)."""
    I = Interaction.kuramoto()
    base = _scale(I, n, time_unit, None)
    s = System(I, n, scale=base * coupling, method=method, name="kuramoto")
    return s
