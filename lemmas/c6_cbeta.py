"""Lemma C.6's C_beta, certified for one exact beta < -2/3 (docs/DESIGN.md, "C_beta").

Configuration (corrected labelling, reports/ERRATA.md C.6.printed_labels_n4): n0 particles at 0
and k at each of +-alpha, alpha in (0, pi); rho = n0 / k.  Paper split n = 3k + r (r = 1, 2):
n0 = k + r, rho = 1 + r/k; balanced split n = 3m + 2: n0 = m, k = m + 1, rho = m/(m + 1).
With alpha = pi t:

* the configuration is stationary iff RHO(t) = rho, RHO(t) = -f(2 alpha)/f(alpha) =
  -2 cos(alpha) e^{beta (cos 2alpha - cos alpha)}  (C.6.rho_equation);
* (a) the paper's sign condition is A(t) = f'(alpha) > 0 and F2(t) = f'(2 alpha) > 0;
* (b) the Hessian is NSD with kernel exactly span(1, ..., 1) iff A(t) > 0 and
  B(t) = RHO(t) f'(alpha) + 2 f'(2 alpha) > 0 (C.6.spectrum; B = -RHO'(alpha) f(alpha),
  C.6.B_is_rho_prime, so (b) holds exactly on the decreasing branch of RHO inside |alpha| < tau).

For a class (rho_k decreasing to 1 or increasing to 1 as k -> oo) the threshold k* and every
claim are chosen here in mpmath (floats choose rational points only; every claim is exact):

* holds for all k >= k* (uniformly, the limit rho = 1 at t = 2/3 included): the conditions are
  > 0 on [t_h, 2/3] (or [2/3, t_h]) and RHO(t_h) lies beyond rho_{k*}; the IVT gives a root
  alpha_k in that interval for every k >= k* (unique there: B > 0 means RHO' < 0);
* fails for all k < k* (so the exceptions below n0 are none): [0, 1] is covered by pieces on
  which RHO stays on the far side of rho_{k*-1} (no root for any k < k*) or a condition fails.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import mpmath
import sympy

from certify.claims import Inequality
from lemmas.functions import R, b, cos, exp, f1, pi, x

t = sympy.Symbol("t", real=True)
DPS = 50


def rho_expr(xx=x, bb=b):
    """RHO(alpha) = -f(2 alpha)/f(alpha) = -2 cos(alpha) e^{beta (cos 2alpha - cos alpha)}."""
    return -2 * cos(xx) * exp(bb * (cos(2 * xx) - cos(xx)))


def fns(beta):
    """The exact expressions A, F2, RHO, B in t for the rational beta."""
    A = f1.subs(x, pi * t).subs(b, beta)
    F2 = f1.subs(x, 2 * pi * t).subs(b, beta)
    RHO = rho_expr(pi * t, beta)
    return {"A": A, "F2": F2, "RHO": RHO, "B": RHO * A + 2 * F2}


NAMES = {"A": "f'(alpha)", "F2": "f'(2 alpha)", "RHO": "RHO(alpha)",
         "B": "RHO(alpha) f'(alpha) + 2 f'(2 alpha)"}


class _Num:
    """mpmath versions of the functions (planning only)."""

    def __init__(self, beta):
        self.b = mpmath.mpf(beta.p) / beta.q

    def fp(self, xx):
        return (mpmath.cos(xx) - self.b * mpmath.sin(xx) ** 2) * mpmath.exp(self.b * (mpmath.cos(xx) - 1))

    def rho(self, tt):
        a = mpmath.pi * tt
        return -2 * mpmath.cos(a) * mpmath.exp(self.b * (mpmath.cos(2 * a) - mpmath.cos(a)))

    def tau_t(self):
        bb = self.b
        return mpmath.acos(2 * bb / (mpmath.sqrt(1 + 4 * bb * bb) + 1)) / mpmath.pi

    def argmax(self):
        """t in (1/2, 2/3) where RHO is largest: RHO'(pi t) has the sign of 1 + beta c (4c - 1),
        c = cos(pi t) (RHO is unimodal there), so c is the root (beta + sqrt(beta^2 - 16 beta)) / (8 beta)."""
        bb = self.b
        return mpmath.acos((bb + mpmath.sqrt(bb * bb - 16 * bb)) / (8 * bb)) / mpmath.pi

    def solve(self, value, lo, hi):
        """t in [lo, hi] with RHO(t) = value (RHO - value changes sign there; Anderson-Bjorck
        bracketing, a few dozen evaluations where bisection needs hundreds)."""
        return mpmath.findroot(lambda tt: self.rho(tt) - value, (lo, hi), solver="anderson")


def pick(lo, hi) -> sympy.Rational:
    """The shortest decimal in the middle half of (lo, hi)."""
    lo, hi = min(lo, hi), max(lo, hi)
    a, c = lo + (hi - lo) / 4, hi - (hi - lo) / 4
    for digits in range(1, DPS - 5):
        q = mpmath.mpf(10) ** digits
        v = mpmath.ceil(a * q)
        if v <= c * q:
            return R(int(v), 10 ** digits)
    raise ValueError("no decimal in the window")


def first_k(r, crit, side):
    """The least k >= 1 with rho_k strictly inside (the side of) crit: rho_k = 1 + r/k < crit
    (side 'up') or rho_k = k/(k+1) > crit (side 'down', k = m)."""
    bound = r / (crit - 1) if side == "up" else crit / (1 - crit)
    if bound < 1:
        return 1
    if abs(bound - mpmath.nint(bound)) < mpmath.mpf(10) ** (-30):
        raise ValueError("the threshold is too close to an integer to plan")
    return int(mpmath.floor(bound)) + 1


def rho_of(r, k, side):
    return 1 + R(r, k) if side == "up" else R(k, k + 1)


@dataclass
class Row:
    """One certified class: n = 3k + r (side up, split paper) or 3m + 2 balanced (side down)."""
    label: str
    r: int
    side: str
    cond: str
    k_star: int
    claims: list = field(default_factory=list)

    @property
    def n0(self):
        return 3 * self.k_star + self.r


class Plan:
    """Every C_beta claim for one rational beta < -2/3, with the thresholds."""

    HEADER = ("beta", "n = 3k+1 (a)", "n = 3k+1 (b)", "n = 3k+2 (a)", "n = 3k+2 (b)", "n = 3m+2 balanced (a)",
              "n = 3m+2 balanced (b)", "C_beta (a)", "C_beta (b)", "C_beta balanced (a)", "C_beta balanced (b)")
    NOTE = ("Per class: the least n0 with (a) the paper's sign condition f'(alpha) > 0, f'(2alpha) > 0, resp. (b) "
            "the Hessian NSD with kernel exactly span(1, ..., 1), for every n >= n0 of the class; every n < n0 of "
            "the class is proved to fail, so there are no exceptions below n0 (n = 3k holds for all k >= 1). "
            "C_beta: the least C with the property for every n >= C (paper labelling n - 2floor(n/3), floor(n/3), "
            "floor(n/3); 'balanced': n = 3m+2 split (m, m+1, m+1)); below C_beta it holds exactly for n = 3k and "
            "for the n >= n0 of each class. The backing claims are the numbers; the steps linking them to a row are "
            "C.6.spectrum (the eigenvalues, a theorem) and C.6.large_n (IVT and the cover, logic), both HUMAN. "
            "`certify cbeta --beta B` computes a row for any beta < -2/3.")

    def __init__(self, beta, prefix="C.6.cbeta"):
        text = str(beta)
        beta = sympy.Rational(text)
        if not beta < R(-2, 3):
            raise ValueError(f"C_beta is defined for beta < -2/3 (got {beta})")
        self.beta, self.f = beta, fns(beta)
        self.text, self.tag = text, f"{prefix}.b{text}"
        self.claims, self.rows = [], []
        with mpmath.workdps(DPS):          # planning only; mpmath's global precision is left alone
            self._plan()

    def _plan(self):
        nm = self.num = _Num(self.beta)
        self.tau, self.ah, self.tm = nm.tau_t(), 1 - nm.tau_t() / 2, nm.argmax()
        crit = {"a": nm.rho(self.ah), "b": nm.rho(self.tm)}
        for cond, boundary in (("a", self.ah), ("b", self.tm)):
            rows = [Row(f"n = 3k + {r}, paper split", r, "up", cond, first_k(r, crit[cond], "up")) for r in (1, 2)]
            self._up(rows, cond, boundary, crit[cond])
        rows = [Row("n = 3m + 2, balanced split", 2, "down", cond, first_k(1, nm.rho(self.tau), "down"))
                for cond in ("a", "b")]
        self._down(rows)

    def _claim(self, rows, name, text, key, op, rhs, lo, hi):
        cid = f"{self.tag}.{name}"
        c = Inequality(cid, f"beta = {self.beta}: {text}", "Lemma C.6 (C_beta)", lhs=self.f[key], op=op,
                       rhs=rhs, over=f"t in [{lo}, {hi}]")
        self.claims.append(c)
        for row in rows:
            row.claims.append(cid)
        return c

    def _up(self, rows, cond, boundary, crit):
        """rho_k = 1 + r/k > 1: roots on the decreasing branch left of t = 2/3."""
        self.rows += rows
        nm, two3 = self.num, mpmath.mpf(2) / 3
        top = max(rho_of(row.r, row.k_star, "up") for row in rows)
        th = pick(boundary, nm.solve(mpmath.mpf(top.p) / top.q, self.tm, two3))
        side = f"up.{cond}"
        names = ("A", "F2") if cond == "a" else ("A", "B")
        for key in names:
            self._claim(rows, f"{side}.holds.{key}", f"{NAMES[key]} > 0 for alpha/pi in [{th}, 2/3]", key, ">", 0,
                        th, R(2, 3))
        for row in rows:
            rs = rho_of(row.r, row.k_star, "up")
            self._claim([row], f"{side}.r{row.r}.holds.rho", f"RHO(pi {th}) > rho at k = {row.k_star} "
                        f"(n = {row.n0})", "RHO", ">", rs, th, th)
        failing = [row for row in rows if row.k_star > 1]
        if not failing:
            return
        low = min(rho_of(row.r, row.k_star - 1, "up") for row in failing)
        ltext = f"RHO(alpha) < {low} (rho at the largest failing k)"
        if cond == "b" or low > nm.rho(self.tm):
            self._claim(failing, f"{side}.fails.rho", f"{ltext} for alpha/pi in [0, 1]: no configuration",
                        "RHO", "<", low, 0, 1)
            return
        tf = pick(nm.solve(mpmath.mpf(low.p) / low.q, self.tm, two3), self.ah)
        self._claim(failing, f"{side}.fails.rho_left", f"{ltext} for alpha/pi in [0, 1/2]", "RHO", "<", low, 0, R(1, 2))
        self._claim(failing, f"{side}.fails.F2", f"f'(2 alpha) < 0 for alpha/pi in [1/2, {tf}]", "F2", "<", 0,
                    R(1, 2), tf)
        self._claim(failing, f"{side}.fails.rho_right", f"{ltext} for alpha/pi in [{tf}, 1]", "RHO", "<", low, tf, 1)

    def _down(self, rows):
        """rho_m = m/(m+1) < 1: roots right of t = 2/3; both conditions fail first at alpha = tau."""
        self.rows += rows
        nm, two3 = self.num, mpmath.mpf(2) / 3
        m = rows[0].k_star
        rs = rho_of(1, m, "down")
        th = pick(nm.solve(mpmath.mpf(rs.p) / rs.q, two3, self.tau), self.tau)
        cond_keys = {"a": ("A", "F2"), "b": ("A", "B")}
        for key in ("A", "F2", "B"):
            self._claim([r for r in rows if key in cond_keys[r.cond]], f"down.holds.{key}",
                        f"{NAMES[key]} > 0 for alpha/pi in [2/3, {th}]", key, ">", 0, R(2, 3), th)
        self._claim(rows, "down.holds.rho", f"RHO(pi {th}) < rho at m = {m} (n = {3 * m + 2})", "RHO", "<", rs, th, th)
        if m == 1:
            return
        low = rho_of(1, m - 1, "down")
        t1 = pick(nm.solve(mpmath.mpf(low.p) / low.q, mpmath.mpf(1) / 2, self.tm), self.tm)
        t2 = pick(self.tau, nm.solve(mpmath.mpf(low.p) / low.q, self.tau, 1))
        self._claim(rows, "down.fails.rho_left", "RHO(alpha) < 1/2 (every rho_m >= 1/2) for alpha/pi in [0, 1/2]",
                    "RHO", "<", R(1, 2), 0, R(1, 2))
        for key in ("F2", "B"):
            self._claim([r for r in rows if key in cond_keys[r.cond]], f"down.fails.{key}",
                        f"{NAMES[key]} < 0 for alpha/pi in [1/2, {t1}]", key, "<", 0, R(1, 2), t1)
        self._claim(rows, "down.fails.rho", f"RHO(alpha) > {low} (rho at the largest failing m) for alpha/pi in "
                    f"[{t1}, {t2}]", "RHO", ">", low, t1, t2)
        self._claim(rows, "down.fails.A", f"f'(alpha) < 0 for alpha/pi in [{t2}, 1]", "A", "<", 0, t2, 1)

    def n0(self, side, r, cond):
        return next(row for row in self.rows if row.side == side and row.r == r and row.cond == cond).n0

    def c_beta(self, cond, balanced=False):
        """The least C with the property for every n >= C: one more than the largest failing n of any
        class (n0 - 3 when n0 is not the class's first n), 3 when none fails."""
        classes = [("up", 1), ("down", 2) if balanced else ("up", 2)]
        first = {("up", 1): 4, ("up", 2): 5, ("down", 2): 5}
        last_fail = [self.n0(*c, cond) - 3 for c in classes if self.n0(*c, cond) > first[c]]
        return max(last_fail) + 1 if last_fail else 3

    def table_row(self):
        return (self.text, *(self.n0(side, r, cond) for side, r in (("up", 1), ("up", 2), ("down", 2))
                             for cond in ("a", "b")),
                self.c_beta("a"), self.c_beta("b"), self.c_beta("a", True), self.c_beta("b", True))
