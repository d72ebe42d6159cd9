"""Interaction functions f for the particle systems (S1)-(S4), compiled from sympy to numpy.

An :class:`Interaction` wraps a sympy expression f(x) (2*pi-periodic; odd for the gradient
structure) and provides

* ``f(d)``, ``df(d)``: numpy callables (float64; this is the simulator, not the prover, so
  ``sympy.lambdify`` with ``modules='numpy'`` is acceptable here);
* ``W(d) = int_0^d f``: the pair potential, so that for odd f the systems are gradient flows of
  E = -1/2 sum_{i,j} c_i c_j W(x_i - x_j)   (paper, eq. (2) and Section 6: E_w, up to a constant);
* when f = sin(x) h(cos x) is recognised with h = A e^{B s} (f_beta: A = 1, B = beta) or h a
  polynomial (Kuramoto: h = 1), the sine coefficients b_k of f(t) = sum_k b_k sin(k t) and the
  cosine coefficients a_k of h(cos t) = sum_k a_k cos(k t), with a truncation order K chosen from
  the proven tail bound of :mod:`certify.simulate.bessel` (exponential h) or exact (polynomial h:
  f is then a trigonometric polynomial of degree deg h + 1).

Scaling (issue 13).  For h = A e^{B s} the values of f reach |A| e^{|B|}, which overflows float64
for |B| > ~709.  Every numerical routine of the simulator therefore works with the *scaled*
interaction f~ = e^{-sigma} f, where ``log_scale`` sigma = log|A| + |B| (0 for the other kinds):

    f~(d) = sign(A) sin(d) e^{B cos d - |B|} = sign(A) sin(d) exp(-2B sin^2(d/2))   (B >= 0)
                                              = sign(A) sin(d) exp( 2B cos^2(d/2))   (B <  0)

so |f~| <= 1 for every finite B and the exponent is computed from half-angle sines/cosines of the
*difference* d (no cancellation in cos d - 1).  ``f_scaled``, ``df_scaled``, ``W_scaled``,
``h_scaled_of_d`` and ``fourier_scaled`` are these scaled quantities; ``f``, ``df``, ``W`` and
``fourier`` keep their unscaled meaning (and may overflow to inf for huge |B|).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import numpy as np
import sympy as sp

from .bessel import (
    bessel_i_scaled,
    choose_order,
    log_tail_bound_force,
)

__all__ = ["Interaction", "X", "S", "parse_expression"]

X = sp.Symbol("x", real=True)
S = sp.Symbol("s", real=True)

def parse_expression(text: str, symbol: sp.Symbol = X) -> sp.Expr:
    """Parse a user string such as ``"sin(x)*exp(4*cos(x))"`` into a sympy expression in x.

    The engine's safe parser reads the text (an ``ast`` whitelist, nothing is ever evaluated as
    Python; decimal literals are exact, ``"0.16"`` -> 4/25); the tree is then handed to sympy
    for the float64 simulator.  Raises ``CertifyInputError`` (a ValueError) on anything else.
    """
    from ..errors import CertifyInputError
    from ..expr.bridge import to_sympy
    from ..expr.parse import parse_expr
    if not isinstance(text, str) or not text.strip():
        raise CertifyInputError("empty expression")
    return to_sympy(parse_expr(text, (symbol.name,))).xreplace({sp.Symbol(symbol.name, real=True): symbol})


def _lambdify(expr: sp.Expr) -> Callable[[np.ndarray], np.ndarray]:
    fn = sp.lambdify(X, expr, modules="numpy")
    if expr.free_symbols:
        return fn
    const = float(expr)
    return lambda d: np.full(np.shape(d), const)


@lru_cache(maxsize=256)
def _classified(expr: sp.Expr) -> tuple:
    """(kind, A, B, hpoly, h_expr) of f = expr (see :class:`Interaction`), remembered: the sympy
    simplifications take ~40 ms, and a sweep or a test builds the same f_beta again and again."""
    h = None
    for variant in (expr, sp.expand_trig(expr)):
        q = sp.simplify(variant / sp.sin(X))
        cand = sp.simplify(q.subs(sp.cos(X), S).subs(sp.sin(X) ** 2, 1 - S**2))
        if X not in cand.free_symbols:
            h = cand
            break
    if h is None:
        return "generic", 0.0, 0.0, (), None
    if h.is_polynomial(S):
        return "poly", 0.0, 0.0, tuple(float(c) for c in sp.Poly(h, S).all_coeffs()[::-1]), h
    A, rest = h.as_independent(S, as_Add=False)
    if isinstance(rest, sp.exp):
        arg = sp.expand(rest.args[0])
        if arg.is_polynomial(S) and sp.degree(arg, S) <= 1:
            p = sp.Poly(arg, S)
            A, B = float(A * sp.exp(p.coeff_monomial(1))), float(p.coeff_monomial(S))
            ok = A != 0.0 and math.isfinite(A) and math.isfinite(B)
            return ("exp" if ok else "generic"), A, B, (), h
    return "generic", 0.0, 0.0, (), h


@dataclass
class Interaction:
    """The interaction f of (S1); see the module docstring.

    Attributes set by the constructor:
      kind   'exp' (f = A sin x e^{B cos x}), 'poly' (f = sin x * polynomial(cos x)) or 'generic'.
      A, B   for kind 'exp'.
      hpoly  polynomial coefficients of h (lowest degree first) for kind 'poly'.
      odd    f is odd (checked numerically on a grid); then the system is a gradient flow.
      positive_on_half_circle   f > 0 on (0, pi) (numerically on a grid): the "half-circle"
             argument applies (a cloud inside an open half-circle synchronizes).
    """

    expr: sp.Expr
    name: str = ""
    kind: str = field(init=False)
    A: float = field(init=False, default=0.0)
    B: float = field(init=False, default=0.0)
    hpoly: tuple = field(init=False, default=())
    h_expr: sp.Expr | None = field(init=False, default=None)

    def __post_init__(self):
        expr = sp.sympify(self.expr)
        if expr.free_symbols - {X}:
            # accept any single real symbol as the variable
            syms = list(expr.free_symbols)
            if len(syms) != 1:
                raise ValueError(f"f must depend on one variable, got {syms}")
            expr = expr.subs(syms[0], X)
        self.expr = expr
        if not self.name:
            self.name = str(expr)
        self.kind, self.A, self.B, self.hpoly, self.h_expr = _classified(self.expr)
        self.log_scale = (math.log(abs(self.A)) + abs(self.B)) if self.kind == "exp" else 0.0
        self.f = self._make_f()
        self.df = _lambdify(sp.diff(self.expr, X))
        self._W = None
        self._check_periodic_odd()

    # ------------------------------------------------------------------ construction
    @classmethod
    def f_beta(cls, beta) -> "Interaction":
        """f_beta(x) = sin(x) e^{beta cos x} (paper, (T1)); beta may be a string like "-0.16"."""
        b = sp.Rational(str(beta)) if isinstance(beta, (str, int)) else sp.nsimplify(beta, rational=True)
        return cls(sp.sin(X) * sp.exp(b * sp.cos(X)), name=f"f_beta, beta={beta}")

    @classmethod
    def kuramoto(cls) -> "Interaction":
        """f(x) = sin(x): the (homogeneous) Kuramoto model."""
        return cls(sp.sin(X), name="kuramoto (f = sin x)")

    @classmethod
    def from_string(cls, text: str) -> "Interaction":
        return cls(parse_expression(text), name=text)

    def _make_f(self):
        if self.kind == "exp":
            A, B = self.A, self.B

            def f(d):
                out = np.cos(d)
                out *= B
                np.exp(out, out=out)
                out *= np.sin(d)
                if A != 1.0:
                    out *= A
                return out

            return f
        return _lambdify(self.expr)

    def _check_periodic_odd(self):
        t = np.linspace(-math.pi, math.pi, 1001)
        with np.errstate(all="ignore"):
            ft = np.asarray(self.f_scaled(t), dtype=float)
            fp = np.asarray(self.f_scaled(t + 2 * math.pi), dtype=float)
            fm = np.asarray(self.f_scaled(-t), dtype=float)
        if not np.all(np.isfinite(ft)):
            raise ValueError(f"f = {self.expr} is not finite on [-pi, pi]")
        scale = max(float(np.max(np.abs(ft))), 1e-300)
        self.sup_lower_scaled = scale  # lower bound for sup |f~| (values actually attained)
        with np.errstate(over="ignore"):
            self.sup_lower = scale * math.exp(self.log_scale) if self.log_scale < 709 else math.inf
        if np.max(np.abs(fp - ft)) > 1e-9 * scale:
            raise ValueError(f"f = {self.expr} is not 2*pi-periodic")
        self.odd = bool(np.max(np.abs(ft + fm)) <= 1e-9 * scale)
        tt = np.linspace(0, math.pi, 2001)[1:-1]
        if self.kind == "exp":  # sin(t) A e^{B cos t} > 0 on (0, pi) iff A > 0 (no underflow issue)
            self.positive_on_half_circle = bool(self.A > 0)
        else:
            self.positive_on_half_circle = bool(np.all(np.asarray(self.f_scaled(tt)) > 0))
        if self.kind == "exp":
            # f'(0) = A e^{B}, computed in log space (never inf * 0 = nan)
            self.log_df0 = (math.log(self.A) + self.B) if self.A > 0 else None
            self.df0_scaled = math.copysign(math.exp(self.B - abs(self.B)), self.A)
            lg = math.log(abs(self.A)) + self.B
            self.df0 = math.copysign(math.exp(lg) if lg < 709.78 else math.inf, self.A)
        else:
            self.df0 = float(np.asarray(self.df(np.zeros(1)))[0])
            self.df0_scaled = self.df0
            self.log_df0 = math.log(self.df0) if self.df0 > 0 else None
        if not math.isfinite(self.df0_scaled):
            raise ValueError(f"f'(0) of f = {self.expr} is not finite")

    # ------------------------------------------------------------------ scaled evaluation
    def _exp_factor(self, d):
        """e^{B cos d - |B|} (in [0, 1]) from the half angle: no overflow, no cancellation."""
        B = self.B
        if B >= 0.0:
            s = np.sin(0.5 * np.asarray(d, dtype=float))
            s *= s
            s *= -2.0 * B
        else:
            s = np.cos(0.5 * np.asarray(d, dtype=float))
            s *= s
            s *= 2.0 * B
        return np.exp(s, out=s)

    def f_scaled(self, d):
        """f~(d) = e^{-log_scale} f(d) (see the module docstring); |f~| <= 1 for kind 'exp'."""
        if self.kind != "exp":
            return self.f(d)
        d = np.asarray(d, dtype=float)
        out = self._exp_factor(d)
        out *= np.sin(d)
        if self.A < 0:
            np.negative(out, out=out)
        return out

    def h_scaled_of_d(self, d):
        """e^{-log_scale} h(cos d) (kind 'exp' or 'poly')."""
        if self.kind == "exp":
            out = self._exp_factor(d)
            return np.negative(out, out=out) if self.A < 0 else out
        if self.kind == "poly":
            return np.polynomial.polynomial.polyval(np.cos(np.asarray(d, dtype=float)), np.array(self.hpoly))
        raise ValueError("h is only available for f = sin(x) h(cos x)")

    def df_scaled(self, d):
        """e^{-log_scale} f'(d)."""
        if self.kind != "exp":
            return np.asarray(self.df(d), dtype=float)
        d = np.asarray(d, dtype=float)
        out = self._exp_factor(d)
        out *= np.cos(d) - self.B * np.sin(d) ** 2
        if self.A < 0:
            np.negative(out, out=out)
        return out

    def W_scaled(self, d):
        """e^{-log_scale} W(d), W = int_0 f (finite for every finite B)."""
        if self.kind != "exp":
            return self.W(d)
        d = np.asarray(d, dtype=float)
        B = self.B
        sg = 1.0 if self.A > 0 else -1.0
        if B == 0.0:
            s = np.sin(0.5 * d)
            return sg * 2.0 * s * s
        if B > 0.0:
            s = np.sin(0.5 * d)
            return (-sg / B) * np.expm1(-2.0 * B * s * s)
        # B < 0: W~ = sg e^{2B} expm1(t) / |B|, t = 2|B| sin^2(d/2) in [0, 2|B|], formed as
        # exp(2B + log expm1(t)) (no cancellation near d = 0, no overflow near d = pi)
        s = np.sin(0.5 * d)
        t = (-2.0 * B) * s * s
        with np.errstate(divide="ignore"):
            L = np.where(t > 30.0, t + np.log1p(-np.exp(-np.minimum(t, 745.0))),
                         np.log(np.expm1(np.minimum(t, 30.0))))
        return (sg / -B) * np.exp(2.0 * B + L)

    # ------------------------------------------------------------------ Fourier data
    @property
    def has_fourier(self) -> bool:
        return self.kind in ("exp", "poly")

    def fourier(self, rel_tol: float = 1e-13, partition: bool = False):
        """Coefficients for the O(nK) summation.

        Returns (b, a, K, bound): b[k] (k = 0..K, b[0] = 0) with f(t) ~ sum_k b_k sin(kt);
        a[k] with h(cos t) ~ sum_k a_k cos(kt) (only meaningful if f = sin*h(cos)); and the
        proven truncation bound ``bound`` = sup_t |f(t) - sum_{k<=K} b_k sin kt| (plus, if
        ``partition``, the corresponding bound for h, which is also required to be
        <= rel_tol * min|h|).  K is the smallest order with bound <= rel_tol * sup|f|.
        Unscaled: e^{log_scale} times :meth:`fourier_scaled` (overflows for |B| > ~709).
        """
        b, a, K, bound = self.fourier_scaled(rel_tol, partition)
        with np.errstate(over="ignore"):
            m = math.exp(self.log_scale) if self.log_scale < 709.7 else math.inf
            return b * m, a * m, K, bound * m

    def fourier_scaled(self, rel_tol: float = 1e-13, partition: bool = False, k_max: int = 100000):
        """(b~, a~, K, bound~): :meth:`fourier` for the scaled interaction f~ = e^{-log_scale} f.

        Truncation bound (proved in :mod:`certify.simulate.bessel`, (B2)/(B3)): for
        f~(t) = sign(A) sin t e^{B cos t - |B|} = sum_k b~_k sin kt,
        b~_k = 2 sign(A) k e^{-|B|} I_k(B) / B, and every K with K + 1 > |B|/2,

            sup_t |f~(t) - sum_{k<=K} b~_k sin kt| <= sum_{k>K} |b~_k|
                <= e^{-|B|} e^{B^2/(4(K+2))} (|B|/2)^K / K! / (1 - |B|/(2(K+1)))   =: bound~,

        uniformly in t, hence the truncated force differs from the exact one by at most
        (sum_j c_j) * bound~ for *every* configuration.  K is the smallest order with
        bound~ <= rel_tol * sup|f~| (computed in log space: no overflow for any finite B);
        raises ValueError when no K <= k_max reaches it.
        """
        return _fourier_cached(self.kind, self.A, self.B, self.hpoly, float(rel_tol), bool(partition),
                               float(self.sup_lower_scaled), int(k_max))

    # ------------------------------------------------------------------ energy potential
    def W(self, d):
        """W(d) = int_0^d f(s) ds (numpy, vectorized)."""
        if self._W is None:
            self._W = self._make_W()
        return self._W(d)

    def _make_W(self):
        if self.kind == "exp":
            A, B = self.A, self.B
            if B == 0.0:
                return lambda d: A * (1.0 - np.cos(d))
            # W(d) = A (e^{B} - e^{B cos d}) / B = (A e^{B}/B) * (-expm1(B (cos d - 1)))
            return lambda d: (-A * math.exp(B) / B) * np.expm1(B * (np.cos(d) - 1.0))
        if self.kind == "poly":
            # W(d) = Phi(1) - Phi(cos d), Phi(s) = int_0^s h
            phi = np.array([0.0] + [c / (m + 1) for m, c in enumerate(self.hpoly)])
            phi1 = float(phi.sum())
            return lambda d: phi1 - np.polynomial.polynomial.polyval(np.cos(d), phi)
        # generic odd f: sine coefficients by FFT (f is smooth and periodic), then
        # W(d) = sum_k b_k (1 - cos k d)/k.
        M = 4096
        t = 2 * math.pi * np.arange(M) / M
        b = -2.0 * np.fft.rfft(np.asarray(self.f(t), dtype=float)).imag / M
        k = np.arange(b.size)
        keep = np.nonzero(np.abs(b) > 1e-17 * np.max(np.abs(b)))[0]
        kk = k[keep][k[keep] > 0]
        bk = b[kk] / kk

        def W(d):
            d = np.asarray(d, dtype=float)
            out = np.zeros_like(d)
            for kval, coef in zip(kk, bk):
                out += coef * (1.0 - np.cos(kval * d))
            return out

        return W


@lru_cache(maxsize=256)
def _fourier_cached(kind, A, B, hpoly, rel_tol, partition, sup_lower_scaled, k_max=100000):
    """Scaled coefficients (b~, a~, K, bound~); see Interaction.fourier_scaled."""
    if kind == "exp":
        x = abs(B)
        sg = 1.0 if A > 0 else -1.0
        if x == 0.0:
            b = np.array([0.0, sg])
            a = np.array([sg, 0.0])
            return b, a, 1, 0.0
        # tail of the *scaled* series = e^{-x} * (B2): compare logs (never overflows)
        log_target = math.log(rel_tol * sup_lower_scaled) + x
        K = choose_order(x, log_target, k_max=k_max)
        if partition:
            hmin_scaled = math.exp(-2.0 * x)  # min of e^{B cos t - |B|}
            Kp = choose_order(x, math.log(rel_tol * hmin_scaled) + x, partition=True, k_max=k_max)
            K = max(K, Kp)
        bound = math.exp(log_tail_bound_force(x, K) - x)
        # b~_k = 2 sg k e^{-x} I_k(B)/B ; a~_0 = sg e^{-x} I_0(B), a~_k = 2 sg e^{-x} I_k(B)
        ive = bessel_i_scaled(x, K)
        ks = np.arange(K + 1)
        sign = np.where((ks % 2 == 1) & (B < 0), -1.0, 1.0)
        ik = ive * sign  # e^{-x} I_k(B)
        b = 2.0 * sg * ks * ik / B
        a = 2.0 * sg * ik
        a[0] = sg * ik[0]
        b[0] = 0.0
        return b, a, K, bound
    if kind == "poly":
        deg = len(hpoly) - 1
        K = deg + 1
        # cos^m t = 2^{-m} sum_r C(m,r) cos((m-2r) t);  sin t cos(j t) = [sin((j+1)t) - sin((j-1)t)]/2
        a = np.zeros(K + 1)
        b = np.zeros(K + 2)
        for m, c in enumerate(hpoly):
            if c == 0:
                continue
            for r in range(m + 1):
                j = abs(m - 2 * r)
                w = c * math.comb(m, r) / 2.0**m
                a[j] += w
                b[j + 1] += w / 2.0
                if j >= 1:
                    b[j - 1] -= w / 2.0
                # sin(-t) term for j = 0: sin(t)cos(0) = sin t, handled by b[1] += w/2 twice:
                if j == 0:
                    b[1] += w / 2.0
        b[0] = 0.0
        return b[: K + 1], a, K, 0.0
    raise ValueError("no Fourier form for a generic interaction; use the pairwise force")
