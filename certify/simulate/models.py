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

Scaling (issue 13).  Forces, partition functions and energies are computed for the scaled
interaction f~ = e^{-sigma} f, sigma = ``interaction.log_scale`` (= |beta| for f_beta; 0 for
non-exponential f), so that nothing overflows for any finite beta; the factor e^{sigma} is folded
into the velocity multiplier (``velocity_scale`` = scale * e^{sigma}, formed in log space; it
cancels in the (T2) ratio).  **Energies reported by** :meth:`System.energy` **and recorded in
trajectories are E~ = e^{-sigma} E** (same monotonicity; finite for every beta).  A non-finite
velocity or energy raises :class:`NumericalError` (never a silently disabled check).

Force method.  ``method="auto"`` uses the O(nK) Fourier sum only when (i) a truncation order
K <= ``K_MAX`` meets the proven tail bound (bessel (B2)/(B3)) and n > 2K + 8, and (ii) *a
posteriori*, for this configuration, the proven truncation bound plus the worst-case rounding
bound (:func:`certify.simulate.forces.fourier_rounding_bound`), eF, satisfies

    eF <= max(auto_rel_tol * (max_i |F^_i| - eF),  (n + 8 + 6|B|) u max_{i in R} sum_j |c_j f~(d_ij)|)

i.e. the normwise relative error max_i |F^_i - F_i| / max_i |F_i| is <= auto_rel_tol = 1e-8, *or*
the Fourier bound is no larger than the worst-case bound of the exact pairwise sum itself
(:func:`certify.simulate.forces.pairwise_sums`; the max over a sample R of 8 rows -- the 4 largest
|F^_i| and 4 evenly spaced -- is a lower bound of that bound, O(8n)); for (T2) likewise
eG <= max(auto_rel_tol, (n + 8 + 6|B|) u) * (min_i G^_i - eG).  Otherwise the pairwise sum is
used.  Why the second branch: the worst-case Fourier rounding bound grows like
u n (8192 + n/8192) sum_j c_j sum_k |b_k| while max_i |F_i| ~ sqrt(n) on a spread-out cloud
(i.i.d. uniform start, beta = 1: 1.1e-9 relative at n = 1e4, 6.6e-9 at 1e6, 2.5e-8 at 1e7), but
the pairwise guarantee degrades faster (~ n^1.5 u relative).  Tight clusters and beta << 0 get the
pairwise sum (there sum_j |f~(d_ij)| is tiny and the Fourier bound is far above the forces).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .forces import fourier_rounding_bound, fourier_sums, pairwise_sums
from .interaction import Interaction

__all__ = ["System", "NumericalError", "K_MAX", "PAIRWISE_MAX"]

EPS = np.finfo(float).eps
K_MAX = 4096  # largest Fourier truncation order considered by method="auto"
PAIRWISE_MAX = 300_000  # largest n for the O(n^2) pairwise sum (~1 min per evaluation there)


class NumericalError(FloatingPointError):
    """A non-finite velocity / energy, or an integrator that cannot make progress."""


def _exp(v: float) -> float:
    return math.exp(v) if v < 709.78 else math.inf


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
    log_unit: float | None = None  # natural log of scale (set when scale itself under/overflows)
    auto_rel_tol: float = 1e-8  # normwise accuracy required of a Fourier result in "auto" mode
    nfev: int = field(default=0, init=False)
    last_method: str = field(default="", init=False)

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
        if self.log_unit is None:
            if not (self.scale > 0 and math.isfinite(self.scale)):
                raise ValueError("scale must be positive and finite")
            self.log_unit = math.log(self.scale)
        else:
            if not math.isfinite(self.log_unit):
                raise ValueError("log_unit must be finite")
            self.scale = math.exp(self.log_unit) if self.log_unit < 709.78 else math.inf
        sigma = self.interaction.log_scale
        # multiplier of the scaled force F~ in dx/dt (the (T2) ratio F/G needs only `scale`)
        self.velocity_scale = _exp(self.log_unit + sigma)
        if isinstance(self.g, str):
            self.velocity_scale = self.scale
        if not (self.velocity_scale > 0 and math.isfinite(self.velocity_scale)):
            raise ValueError(
                f"the velocity scale e^({self.log_unit:.6g} + {sigma:.6g}) of this system is not representable "
                "in float64 (time unit too large/small for this beta); use another time unit or scale")
        self._fourier = None
        if self.interaction.has_fourier:
            try:
                b, a, K, bound = self.interaction.fourier_scaled(
                    self.fourier_tol, partition=isinstance(self.g, str), k_max=K_MAX)
            except ValueError:
                if self.method == "fourier":
                    raise
            else:
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
        """Proven sup-norm bound on |f~ - (its K-term sine series)| for the scaled interaction
        f~ = e^{-log_scale} f, or None (pairwise only)."""
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

    def fourier_error_bounds(self, n=None):
        """(eF, eG): proven truncation + worst-case rounding bounds on the scaled Fourier sums."""
        n = self.n if n is None else n
        b, a, K, bound = self._fourier
        C = self.total_weight
        eF, eG = fourier_rounding_bound(b, C, n, a=a if isinstance(self.g, str) else None)
        eF += C * bound
        if eG is not None and self.interaction.kind == "exp":
            from .bessel import log_tail_bound_partition
            x = abs(self.interaction.B)
            if x > 0:
                eG += C * math.exp(log_tail_bound_partition(x, K) - x)
        return eF, eG

    # ------------------------------------------------------------------ evaluation
    def forces(self, x, energy=False):
        """Return (F~, G~, E~), the *scaled* sums (times e^{-interaction.log_scale}): force
        F_i = -sum_j c_j f(x_i-x_j), partition G (or None), energy (see the module docstring).
        Sets ``last_method`` to the method actually used."""
        partition = isinstance(self.g, str)
        want_e = energy and self.gradient
        if self.use_fourier(x.size):
            b, a, K, _ = self._fourier
            F, G, E, _ = fourier_sums(x, self.weights, b, a, partition=partition, energy=want_e)
            if self.method == "fourier" or self._fourier_ok(F, G, x):
                self.last_method = "fourier"
                return F, G, E
        if x.size > PAIRWISE_MAX:
            raise NumericalError(
                f"{self.name}: the Fourier error bound fails on this configuration and the exact pairwise "
                f"sum at n = {x.size} (O(n^2)) is out of reach; use fewer particles or merging (collapse)")
        F, G, E = pairwise_sums(self.interaction, x, self.weights, partition=partition,
                                energy=want_e, scaled=True)
        self.last_method = "pairwise"
        return F, G, E

    def _fourier_ok(self, F, G, x) -> bool:
        """A posteriori acceptance test of a Fourier result at x (module docstring, (ii))."""
        n = x.size
        eF, eG = self.fourier_error_bounds(n)
        tol = self.auto_rel_tol
        f_max = max(float(F.max()), -float(F.min())) if n else 0.0  # nan (fails below) if any F is nan
        if not (math.isfinite(f_max) and (G is None or np.all(np.isfinite(G)))):
            return False
        gamma = (n + 8 + 6 * abs(self.interaction.B)) * EPS / 2  # the pairwise bound's factor
        if G is not None and not eG <= max(tol, gamma) * (float(np.min(G)) - eG):
            return False
        if eF <= tol * (f_max - eF):
            return True
        return eF <= gamma * self._pairwise_abs_sum_lower(F, x)

    def _pairwise_abs_sum_lower(self, F, x) -> float:
        """max over 8 sample rows i of sum_j |c_j f~(x_i - x_j)| (a lower bound of the max over i)."""
        rows = np.unique(np.concatenate([np.argsort(np.abs(F))[-4:], np.linspace(0, x.size - 1, 4).astype(int)]))
        return max(float(np.abs(self.interaction.f_scaled(x[i] - x)) @ self.c) for i in rows)

    def rhs(self, x, energy=False):
        """dx/dt at x; with ``energy=True`` returns (v, E~) (E~ = e^{-log_scale} E).

        Raises :class:`NumericalError` (one-line message) if x, the velocity or the energy is
        not finite."""
        self.nfev += 1
        x = np.asarray(x, dtype=float)
        if not math.isfinite(x.sum()) and not np.all(np.isfinite(x)):  # one pass when finite
            raise NumericalError(f"{self.name}: non-finite particle position (nan/inf) in the state")
        with np.errstate(all="ignore"):
            F, G, E = self.forces(x, energy=energy)
            v = F
            if self.g is None:
                pass
            elif isinstance(self.g, str):
                if not np.all(G > 0):
                    raise NumericalError(f"{self.name}: the partition function underflowed to 0 "
                                         f"(beta = {self.interaction.B:g} is too negative for float64)")
                v = F / G
            elif callable(self.g):
                gx = np.asarray(self.g(x), dtype=float)
                if not np.all(gx > 0):
                    raise NumericalError("normalization g(x) is not positive")
                v = F / gx
            else:
                v = F / self.g
            if self.velocity_scale != 1.0:
                v = v * self.velocity_scale
            bad_v = not math.isfinite(v.sum()) and not np.all(np.isfinite(v))
        if bad_v:
            raise NumericalError(f"{self.name}: non-finite velocity (nan/inf) with the {self.last_method} "
                                 f"force at n = {x.size}")
        if energy and E is not None and not math.isfinite(E):
            raise NumericalError(f"{self.name}: the energy is not finite; the energy check cannot be performed")
        return (v, E) if energy else v

    def energy(self, x) -> float | None:
        """E~ = e^{-interaction.log_scale} E (see the module docstring); None if not gradient."""
        if not self.gradient:
            return None
        E = self.forces(np.asarray(x, dtype=float), energy=True)[2]
        if not math.isfinite(E):
            raise NumericalError(f"{self.name}: the energy is not finite")
        return E

    def energy_slack(self) -> float:
        """Allowed decrease of E~ between steps before it counts as a violation: rounding in
        the evaluation of E~ plus (if the Fourier sum may be used) the Fourier rounding estimate
        and twice the proven truncation error, with margin."""
        C = self.total_weight
        wmax = self.interaction.sup_lower_scaled * math.pi
        slack = 1e3 * EPS * C * C * wmax * max(1.0, math.log2(max(self.n, 2)))
        if self._fourier is not None and self.use_fourier():
            b = self._fourier[0]
            ks = np.arange(1, b.size)
            slack += 1e3 * EPS * C * C * float(np.sum(np.abs(b[1:]) / ks)) * b.size
            slack += 2 * C * C * (self._fourier[3] or 0.0)
        return slack

    def jacobian(self, x) -> np.ndarray:
        """Jacobian of dx/dt at a stationary point x (:func:`certify.simulate.jacobian.stationary_jacobian`)."""
        from .jacobian import stationary_jacobian
        return stationary_jacobian(self, x)

    def stability(self, x, members=None, tol: float = 1e-12) -> dict:
        """Linear stability of a stationary point x (:func:`certify.simulate.jacobian.stability`)."""
        from .jacobian import stability
        return stability(self, x, members, tol)

    def with_weights(self, weights, name=None) -> "System":
        """The same system for merged particles (weights summed); only if position_only."""
        if not self.position_only:
            raise ValueError("merging particles is only valid when the velocity depends on the position alone")
        return System(self.interaction, len(weights), weights=np.asarray(weights, float), g=self.g,
                      scale=self.scale, method=self.method, fourier_tol=self.fourier_tol,
                      name=name or self.name, log_unit=self.log_unit, auto_rel_tol=self.auto_rel_tol)

    def describe(self) -> dict:
        return {
            "system": self.name,
            "f": str(self.interaction.expr),
            "n": self.n,
            "weighted": self.weights is not None,
            "normalization": (None if self.g is None else self.g if isinstance(self.g, str)
                              else "callable" if callable(self.g) else "per-particle constant"),
            "scale": self.scale,
            "log_scale_of_time_unit": self.log_unit,
            "force_scaling_log": self.interaction.log_scale,
            "energy_reported": "E * exp(-force_scaling_log)",
            "force_method": ("auto: fourier when its proven error bound is <= "
                             f"{self.auto_rel_tol:g} relative, else pairwise" if self.use_fourier()
                             and self.method == "auto" else "fourier" if self.use_fourier() else "pairwise"),
            "fourier_K": self.K,
            "fourier_truncation_bound": self.truncation_bound,
            "gradient_system": self.gradient,
        }
