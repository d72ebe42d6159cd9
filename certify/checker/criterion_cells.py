"""The checker's criterion on one parameter cell: tau, I and R_M enclosed uniformly over the
cell (``_Cell``) for a criterion f read from its text (``_Criterion``); the file-level replay is
``certify.checker.criterion``."""
from __future__ import annotations

import re

import sympy
from flint import arb, fmpq

from . import arith as A
from . import terms as T
from .criterion_box import Packed, balls, halves
from .criterion_m import inverse
from .criterion_roots import (CLUSTER, MV, NEG, POS, ROOT, BallTerm, collect, defined_on,
                              isolate, meet, refine, tball, xball)
from .deriv import diff
from .reader import read_expr
from .terms import CheckError


HOLDS, FAILS, UNDECIDED = "HOLDS", "FAILS", "UNDECIDED"
KEYS = ("2pi", "pi", "none")
PREC = 80
MAX_DEPTH = 8


def _c(key):
    """1/M for the key (``criterion_m``: any positive constant M, "none" for 1/M = 0)."""
    return inverse(key)


def _ratio(tau_lo, tau_hi, I_lo, I_hi, F0, c):
    """(lower, upper) bounds of R (None: unknown) from exact bounds of tau, I, a ball of f'(0)."""
    lo = hi = None
    if F0 > 0 and tau_hi > 0 and I_hi.is_finite() and I_hi > 0:
        lo = (4 * F0.lower() * (1 / tau_hi + c) / I_hi).lower()
    if F0 < 0:
        hi = arb(0)                 # tau I >= 0 > 4 (1 + tau/M) f'(0) for every tau
    elif F0.is_finite() and tau_lo > 0 and I_lo > 0:
        hi = (4 * F0.upper() * (1 / tau_lo + c) / I_lo).upper()
    return lo, hi


class _Cell:
    """What holds uniformly on one parameter cell (module docstring)."""

    def __init__(self, crit, lo, hi):
        self.lo, self.hi, self.B = lo, hi, crit.balls(lo, hi)
        smooth = crit.defined("smooth", lo, hi)
        m = (lo + hi) / 2 if smooth and lo < hi else None
        self.ev = ev = {k: MV(crit.ev[k], crit.ev["p" + k[1:]], m) if smooth else crit.ev[k]
                        for k in ("f1", "f2", "f3", "f4")}
        self.iso1 = ps = isolate(ev["f1"], ev["f2"], self.B)
        d4 = smooth or (crit.box and crit.defined("f4", lo, hi))     # f'''' is d_x f'''
        self.iso3 = isolate(ev["f3"], ev["f4"] if d4 else None, self.B)
        self.ok = ps is not None and self.iso3 is not None
        if not self.ok:
            return
        k = len(ps)
        while k > 0 and ps[k - 1][2] == NEG:
            k -= 1
        tau_hi = ps[k][0] if k < len(ps) else fmpq(1)
        self.troot = ps[k - 1] if k > 0 and ps[k - 1][2] == ROOT and ps[k - 1][3] < 0 else None
        tau_lo = fmpq(0)
        for a, b, kind, s in ps[:k]:                 # the last point where f' > 0 is proved
            if kind in (POS, ROOT):
                tau_lo = a if kind == ROOT and s < 0 else b
        self.tau_lo, self.tau_hi = (arb.pi() * tau_lo).lower(), (arb.pi() * tau_hi).upper()
        self.F0 = ev["f1"](arb(0), self.B)
        coef, self.clusters = {}, []         # end -> its coefficient in I/2; unresolved pieces
        for i, (a, b, kind, s) in enumerate(self.iso3):
            ends = {POS: ((("t", b), 1), (("t", a), -1)),
                    ROOT: ((("r", i), 1), (("t", a), -1)) if s < 0 else ((("t", b), 1), (("r", i), -1))}
            for end, c in ends.get(kind, ()):
                coef[end] = coef.get(end, 0) + c
            if kind == CLUSTER:
                self.clusters.append((a, b))
        self.coef = {e: c for e, c in coef.items() if c}
        self.smooth = smooth and self.troot is not None and not self.clusters
        half, extra = self.ends(self.B, ev["f2"], ev["f3"]), arb(0)
        for a, b in self.clusters:
            up = ev["f3"](xball(a, b), self.B).upper()
            extra += up if not up.is_finite() else (arb.pi() * (b - a) * up).upper() if up > 0 else 0
        self.I_lo, self.I_hi = (2 * half).lower(), (2 * (half + extra)).upper()

    def ends(self, B, ev, dx=None, roots=None):
        """sum of coefficient * ev (f'' or d_p f'') at the telescoped ends of I/2, zeros in
        their boxes (``roots``: refined ones by piece index); dx: d_x ev, for the
        mean-value form in x."""
        total = arb(0)
        for (kind, v), c in self.coef.items():
            if kind == "t":
                val = ev(arb.pi() * arb(v), B)
            else:
                a, b = (roots or {}).get(v, self.iso3[v][:2])
                X, m = xball(a, b), xball((a + b) / 2, (a + b) / 2)
                val = ev(X, B) if dx is None else meet(ev(X, B), ev(m, B) + dx(X, B) * (X - m))
            total += c * val
        return total

    def direct(self, key):
        return _ratio(self.tau_lo, self.tau_hi, self.I_lo, self.I_hi, self.F0, _c(key))

    def slope(self, crit, key):
        """An enclosure of dR/dp over the cell (smooth cells only)."""
        B, p1 = self.B, crit.ev["p1"]
        T_ = xball(*self.troot[:2])
        tau_p = -p1(T_, B) / self.ev["f2"](T_, B)
        I_p = 2 * self.ends(B, crit.ev["p2"])
        I, F0, inv = self.I_lo.union(self.I_hi), self.F0, 1 / T_ + _c(key)
        return 4 * (p1(arb(0), B) * inv / I - F0 * tau_p / (T_ * T_ * I) - F0 * inv * I_p / (I * I))


class _Criterion:
    def __init__(self, text, constant=False, box=None):
        """``constant``: f has no parameter (``certify criterion F --json`` without --param); it
        is read with a parameter that does not occur, and its one cell is the point 0.
        ``box``: the parameter names of a box file, in the order of its corners; its cells
        are decided by direct enclosures and bisection only (``criterion_box``)."""
        used = set(re.findall(r"(?<![\w.])[A-Za-z_]\w*", text))
        used -= set(T.FUNCTIONS) | {"min", "max", "pi", "E"}
        params = sorted(used - {"x"})
        if constant and not params:
            params = ["no_parameter"]
        self.box = box is not None
        if self.box:
            if not (isinstance(box, list) and len(box) >= 2 and len(set(box)) == len(box)
                    and set(params) <= set(box) and all(isinstance(n, str) for n in box)):
                raise CheckError(f"the parameters {box!r} of a box file are not those of f")
            params = list(box)
        if "x" not in used or (len(params) != 1 and not self.box):
            raise CheckError(f"f must be a function of x and one parameter: {text!r}")
        self.names = ("x", *params)
        f = read_expr(text, self.names)
        xs = sympy.Symbol("x", real=True)
        fs = T.to_sympy(f, {"x": xs, **{n: sympy.Symbol(n, real=True) for n in params}})
        if sympy.simplify(fs.subs(xs, -xs) + fs) != 0:
            raise CheckError("f is not proved odd in x (sympy: f(-x) + f(x) != 0)")
        if sympy.simplify(fs.subs(xs, xs + 2 * sympy.pi) - fs) != 0:
            raise CheckError("f is not proved 2 pi-periodic in x")
        self.t = t = {"f0": f}
        for k in range(1, 5):
            t[f"f{k}"] = diff(t[f"f{k - 1}"], "x")
            if not self.box:
                t[f"p{k}"] = diff(t[f"f{k}"], params[0])
        self.ev = {k: self.term(collect(v)) for k, v in t.items()}
        self._cells, self._points, self._proved = {}, {}, {}

    def term(self, t):
        """A term of (x, parameters) as a function g(X, B) of balls."""
        g = BallTerm(t, self.names)
        return Packed(g) if self.box else g

    def balls(self, lo, hi):
        """B: the parameter ball (a tuple of balls for a box)."""
        return balls(lo, hi) if self.box else tball(lo, hi)

    def defined(self, which, lo, hi):
        """The trees of ``which`` ("base": f..f''' on [-pi, pi]; "smooth": f'''' and the d/dp
        on [0, pi]; "f4": f'''' alone on [0, pi]) are proved defined and continuous there x [lo, hi] (or on a cell that
        contains [lo, hi])."""
        names, t_lo = {"base": (("f0", "f1", "f2", "f3"), -1), "f4": (("f4",), 0),
                       "smooth": (("f4", "p1", "p2", "p3", "p4"), 0)}[which]
        done = self._proved.setdefault(which, [])
        if which == "smooth" and self.box:
            return False                  # no d/dp terms: a box is decided without them
        if any(_inside(lo, hi, a, b) for a, b in done):
            return True
        cell = tuple(A.cell(a, b) for a, b in zip(lo, hi)) if self.box else A.cell(lo, hi)
        if not defined_on([self.t[k] for k in names], self.names, cell, t_lo, 1):
            return False
        done.append((lo, hi))
        return True

    def cell(self, lo, hi):
        if (lo, hi) not in self._cells:
            if not self.defined("base", lo, hi):
                raise CheckError(f"f, f', f'', f''' are not proved defined and continuous on "
                                 f"[-pi, pi] x [{lo}, {hi}]")
            self._cells[(lo, hi)] = _Cell(self, lo, hi)
        return self._cells[(lo, hi)]

    def point(self, cell, q):
        """(tau_lo, tau_hi, I_lo, I_hi, f'(0)) at the parameter value q of a smooth cell."""
        if q not in self._points:
            B0, ev = arb(q), self.ev
            a, b = refine(ev["f1"], cell.troot, B0)
            roots = {i: refine(ev["f3"], p, B0) for i, p in enumerate(cell.iso3) if p[2] == ROOT}
            half = cell.ends(B0, ev["f2"], ev["f3"], roots)
            self._points[q] = ((arb.pi() * a).lower(), (arb.pi() * b).upper(), (2 * half).lower(),
                               (2 * half).upper(), ev["f1"](arb(0), B0))
        return self._points[q]

    def decides(self, lo, hi, key, want):
        cell = self.cell(lo, hi)

        def good(bounds):
            r = bounds[0] if want == HOLDS else bounds[1]
            return r is not None and r.is_finite() and (r > 1 if want == HOLDS else r < 1)
        if not cell.ok or good(cell.direct(key)):
            return cell.ok
        if not cell.smooth:
            return False
        if lo == hi:
            return good(_ratio(*self.point(cell, lo), _c(key)))
        dR = cell.slope(self, key)
        if dR >= 0 or dR <= 0:                # R monotone: its extreme at an end of the cell
            at = lo if (dR >= 0) == (want == HOLDS) else hi
            return good(_ratio(*self.point(cell, at), _c(key)))
        m = (lo + hi) / 2
        r_lo, r_hi = _ratio(*self.point(cell, m), _c(key))
        if r_lo is None or r_hi is None or not dR.is_finite():
            return False
        mv = r_lo.union(r_hi) + dR * (cell.B - arb(m))
        return good((mv.lower(), mv.upper()))

    def prove(self, lo, hi, key, want, depth=0, max_depth=MAX_DEPTH):
        """The number of sub-cells on which R_key > 1 (HOLDS) or < 1 (FAILS) is proved."""
        if self.decides(lo, hi, key, want):
            return 1
        if depth >= max_depth or lo == hi:
            raise CheckError(f"R_{key} {'> 1' if want == HOLDS else '< 1'} is not re-verified "
                             f"on [{lo}, {hi}] ({depth} bisections deep)")
        if self.box:
            parts = halves(lo, hi)
        else:
            m = (lo + hi) / 2
            parts = ((lo, m), (m, hi))
        return sum(self.prove(a, b, key, want, depth + 1, max_depth) for a, b in parts)


def _inside(lo, hi, a, b) -> bool:
    """[lo, hi] inside [a, b]: ends rationals, or corners (tuples) compared per coordinate."""
    if isinstance(lo, tuple):
        return all(x <= y and z <= w for x, y, z, w in zip(a, lo, hi, b))
    return a <= lo and hi <= b
