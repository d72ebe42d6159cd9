"""The synchronization criterion of Theorem 2.1 / Corollary 3.3, certified for any f.

For an interaction function f(x; p) (an expression tree in x and parameters p = (p_1, ..., p_k),
k >= 0, ``certify.expr``; a sympy expression is converted with ``from_sympy``) and a cell of
parameter values (an interval for k = 1, a box for k >= 2), this module encloses, uniformly
over the cell:

- tau: the least tau in (0, pi] with f'(x) < 0 for all x not in [-tau, tau] (mod 2 pi);
- I = int_{-pi}^{pi} |f'''(x)|_+ dx;
- f'(0);
- the synchronization ratio  R_M = 4 (1 + tau/M) f'(0) / (tau I)  for M = 2 pi (Theorem 2.1),
  M = pi (Corollary 3.3; valid only when tau_max < pi is known: ``certify.criterion_hyp``),
  the variant without the factor (1 + tau/M) (key "none") and any other exact constant M
  (``certify.criterion_m``: keys like "3*pi/2", 1/M enclosed from the expression);

and gives a verdict per cell: HOLDS (R > 1 certified), FAILS (R < 1 certified), UNDECIDED.
The criterion in the theorem reads tau I <= 4 (1 + tau/M) f'(0), i.e. R >= 1; HOLDS reports
the strict R > 1.  R is decreasing in tau, so FAILS means the criterion fails for *every*
admissible tau, not only for the least one.  It knows nothing of the paper's f_beta.

How (each step an arb proof; ``certify.roots`` for the root isolation):

Input.  f', f'', f''' are the trees of ``certify.expr.diff`` (the chain rule on f as written,
its +, -, * skeleton normalized by ``roots.normalize``), never sympy's simplified derivatives:
sympy turns (atan(tan(x/2)))' into 1/2, which would certify a function that jumps at +-pi.
sympy is used for exact symbolic facts only: f(x + 2 pi) = f(x) and the oddness test.  On each
parameter cell, f, f', f'', f''' are first proved *defined and continuous* on [-pi, pi] x cell
(arb-ball fast path, else decorated interval evaluation with decoration >= dac, bisecting x);
when that fails the cell is UNDECIDED with the reason, and no derivative-based step runs.

tau.   The zeros of f' on [0, pi] are isolated uniformly over the cell.  f' < 0 on the maximal
       run of ``neg`` pieces ending at pi, so tau <= its left end; f' > 0 at the right end of
       the last ``pos`` piece (or at the left end of a ``root`` piece), so tau >= that point.
       When the piece next to the negative run is a ``root`` piece, tau(p) *is* that simple
       root, a C^1 function of p.  For an f that sympy cannot prove odd, the left half
       [-pi, 0] is isolated too and tau = max of the two sides.
I.     The zeros of f''' on [0, pi] are isolated; I/2 (f odd, so f''' even) is the sum over
       maximal ``pos`` runs [a, b] of f''(b) - f''(a) (exact, fundamental theorem of
       calculus; enclosed with the mean-value form in p, so the two ends stay correlated) plus,
       for each non-sign piece X (a root ball, or an unresolved cluster such as a root sitting
       at x = 0 or pi), the integral of |f'''|_+ over X, enclosed in [0, |X| sup_X f'''_+].
       No guess is needed where a root sits at an end of [0, pi] (f_beta at beta = +-1/3).
R.     From the enclosures by monotonicity (R decreases in tau and I, increases in f'(0)).
       When the structure is certified over the whole cell (tau and every zero of f''' are
       simple roots, unique in their balls), R is C^1 in p and the mean-value form
       R(P) = R(p_m) + sum_j d_j R(P) (P_j - p_m,j) is used as well: d_j tau = -d_j f'/f'' at
       the tau ball, d_j I = 2 sum +-d_j f''(root or end) (the envelope theorem: f''' vanishes
       at the moving ends), d_j f'(0).  This keeps tau and I correlated and is what makes wide cells
       decide where R is far from 1.

The parameter range (a box for k >= 2) is subdivided adaptively (``certify_range``, ``certify.criterion_range``):
a cell whose verdict is UNDECIDED is split until it decides, its width falls below
``min_width`` or a budget (cells, seconds) runs out -- the last two end as UNDECIDED, never as
a guess.  A cell's isolations start from those of the cell it was split from (their pieces
hold on every sub-cell), and so do those of its mean-value center.

Parts: ``criterion_bounds`` (tau from the pieces, R's bounds), ``criterion_integral`` (I),
``criterion_defined`` (f, ..., f''' defined and continuous on a cell),
``criterion_m`` (the constant M), ``criterion_result`` (cell and range results),
``criterion_decimal`` (outward decimal printing).
"""
from __future__ import annotations

import time
from fractions import Fraction
from typing import Optional

import sympy
from flint import arb, ctx

from .criterion_bounds import ratio, tau_left, tau_right, tighten
from .criterion_decimal import decimal_bound, qstr, round_decimal
from .criterion_defined import undefined_on
from .criterion_integral import integral, integral_slope
from .criterion_m import inverse_m
from .criterion_range import certify_range
from .criterion_result import (FAILS, HOLDS, M_KEYS, M_LABEL, UNDECIDED, CellResult,
                               RangeResult, undecided_cell, verdict_of)
from .errors import CertifyInputError
from .expr import nodes as N
from .expr.bridge import from_sympy, to_sympy
from .expr.tape import Tape
from .expr.text import to_text
from .roots import Fn, Isolation, is_total, isolate, qarb, sign, tball

__all__ = ["Criterion", "CellResult", "RangeResult", "HOLDS", "FAILS", "UNDECIDED", "M_KEYS",
           "M_LABEL", "decimal_bound", "qstr", "round_decimal"]


# -- the problem -----------------------------------------------------------------------------------

WIDE_SHARE = 8                                # x-cell budget share of a wide parameter cell


def _name(v) -> str:
    return v if isinstance(v, str) else str(v.name)


class Criterion:
    """The criterion for one f.  ``f`` is an expression tree (``certify.expr``) or a sympy
    expression (converted with ``from_sympy``) in the variable ``x`` (a name or a sympy Symbol)
    and the parameters ``param``: None, one name, or a sequence of names (a parameter box).
    ``keys``: the M keys each cell computes (``certify.criterion_m.keys_for``; default the
    fixed three).  Derivatives are built by ``certify.expr.diff`` and compiled once.  Without a
    parameter, an f that is not proved defined and continuous on [-pi, pi] (with f', f'',
    f''') is an input error; so is an f not proved 2 pi-periodic (Theorem 2.1: f is a
    function on the circle)."""

    def __init__(self, f, x="x", param=None, *, prec: int = 64, isolate_cells: int = 4000,
                 keys=M_KEYS):
        self.x = _name(x)
        if param is None:
            self.params = ()
        elif isinstance(param, (list, tuple)):
            self.params = tuple(_name(p) for p in param)
        else:
            self.params = (_name(param),)
        if len(set(self.params)) != len(self.params) or self.x in self.params:
            raise CertifyInputError("the parameters must be distinct names other than x")
        self.param = self.params[0] if len(self.params) == 1 else None
        self.keys = tuple(keys)
        for k in self.keys:
            inverse_m(k)
        self.prec = prec
        self.isolate_cells = isolate_cells
        self.names = (self.x,) + self.params
        if isinstance(f, N.Node):
            tree, used = f, N.variables(f)
        else:
            expr = sympy.sympify(f)
            if any(isinstance(a, sympy.Float) for a in sympy.preorder_traversal(expr)):
                raise CertifyInputError("binary float in f: write constants as decimal strings")
            tree, used = None, {str(s.name) for s in expr.free_symbols}
        extra = used - set(self.names)
        if extra:
            names = ", ".join(sorted(extra))
            raise CertifyInputError(f"unknown symbol(s) {names} in f: declare the parameter with --param")
        if self.x not in used:
            raise CertifyInputError("f does not depend on x")
        if tree is None:
            tree = from_sympy(expr, self.names)
        self.f = tree
        self.text = to_text(tree)
        # exact symbolic facts only (sympy simplifies, so never for definedness or derivatives)
        fs = to_sympy(tree)
        xs = sympy.Symbol(self.x, real=True)
        two_pi = 2 * sympy.pi
        if sympy.simplify(fs.subs(xs, xs + two_pi) - fs) != 0:
            raise CertifyInputError("f must be 2*pi-periodic in x (Theorem 2.1: f is a function on the "
                                    "circle; could not prove f(x + 2 pi) = f(x))")
        self.odd = sympy.simplify(fs.subs(xs, -xs) + fs) == 0
        self.fn = Fn(tree, self.x, self.params)
        self.d = {1: self.fn.dx}
        self.d[2] = self.d[1].dx
        self.d[3] = self.d[2].dx
        for k in (1, 2, 3):                      # build in the constructor: bad input fails early
            self.d[k].dx
            for p in self.params:
                self.d[k].partial(p)
        trees = [self.fn.tree] + [self.d[k].tree for k in (1, 2, 3)]
        self._total = all(is_total(t) for t in trees)
        self._defn = Tape([trees], self.names)
        self._cells: dict = {}                   # (lo, hi, use_mv) -> CellResult
        self._undef: dict = {}
        if not self.params:
            why = self.undefined()
            if why is not None:
                raise CertifyInputError(f"f is not defined/continuous on [-pi, pi]: {why}")

    # -- cells ---------------------------------------------------------------------------------
    def cell_of(self, lo, hi=None):
        """(lo, hi) normalized: Fractions for one parameter, tuples of Fractions for a box
        (hi None: the point lo); (None, None) without parameters."""
        if not self.params:
            return None, None
        if len(self.params) == 1:
            lo = Fraction(lo)
            return lo, Fraction(hi) if hi is not None else lo
        lo = tuple(Fraction(v) for v in lo)
        hi = tuple(Fraction(v) for v in hi) if hi is not None else lo
        if len(lo) != len(self.params) or len(hi) != len(self.params):
            raise CertifyInputError(f"a box cell has one interval per parameter ({len(self.params)})")
        return lo, hi

    def box(self, lo, hi):
        """The cell as ((lo_1, hi_1), ...), one pair per parameter."""
        if not self.params:
            return ()
        if len(self.params) == 1:
            return ((lo, hi),)
        return tuple(zip(lo, hi))

    # -- definedness ---------------------------------------------------------------------------
    def undefined(self, lo=None, hi=None) -> Optional[str]:
        """None when f, f', f'', f''' are proved defined and continuous on [-pi, pi] x the cell
        [lo, hi] (no arguments without a parameter), else the reason.  The proof: x is bisected
        until on every closed piece the arb-ball fast path succeeds or the decorated interval
        evaluation gives decoration >= dac for all four trees (continuity on finitely many
        closed pieces is continuity on their union)."""
        key = self.cell_of(lo, hi) if lo is not None else (None, None)
        if key in self._undef:
            return self._undef[key]
        old = ctx.prec
        ctx.prec = self.prec
        try:
            why = None if self._total else undefined_on(self, *key)
        finally:
            ctx.prec = old
        self._undef[key] = why
        return why

    # -- helpers -------------------------------------------------------------------------------
    def _P(self, lo, hi):
        return tuple(tball(a, b) for a, b in self.box(lo, hi))

    def _x(self, t: Fraction) -> arb:
        return arb.pi() * qarb(t)

    def _xb(self, lo: Fraction, hi: Fraction) -> arb:
        return arb.pi() * tball(lo, hi)

    def _iso(self, k: int, t_lo, t_hi, P, deadline, within) -> Isolation:
        """Isolation of the zeros of f^(k) on [t_lo pi, t_hi pi] uniformly over the cell P.  On
        a parameter cell of positive width the budget is ``isolate_cells / WIDE_SHARE`` x-cells:
        what makes such an isolation expensive is the set its roots sweep over the cell, which
        only splitting the parameter cell shrinks (the cell then ends UNDECIDED and is split).
        ``within``: the isolation for a cell containing this one, or None."""
        cells = self.isolate_cells
        if any(not p.is_exact() for p in P):
            cells //= WIDE_SHARE
        return isolate(self.d[k], t_lo, t_hi, P, scale=arb.pi(), max_cells=cells, deadline=deadline,
                       within=within)

    # -- one cell ----------------------------------------------------------------------------------
    def enclose(self, lo=None, hi=None, *, deadline: Optional[float] = None, use_mv: bool = True,
                within: Optional[CellResult] = None) -> CellResult:
        """All enclosures and verdicts on the parameter cell [lo, hi] (a point when hi is None
        or lo == hi; for a box, lo and hi are the corners as tuples; no arguments when f has no
        parameter), for every parameter point of the cell.  ``within``: a result on a cell
        that contains [lo, hi]; its root isolations (statements for every parameter of that
        cell) are where this cell's isolations start.  Memoized per cell (the first result is
        kept, except one that the deadline may have cut short)."""
        if (not self.params) != (lo is None):
            raise CertifyInputError("a parameter cell is needed exactly when f has a parameter")
        hints = ()
        if lo is not None:
            lo, hi = self.cell_of(lo, hi)
            if within is not None:
                inside = all(a <= c and d <= b for (a, b), (c, d) in
                             zip(self.box(within.lo, within.hi), self.box(lo, hi)))
                if not inside:
                    raise CertifyInputError("within: a cell that does not contain this one")
                hints = within.isolations
        return self._cell(lo, hi, deadline, use_mv, hints)

    def _cell(self, lo, hi, deadline, use_mv, hints) -> CellResult:
        """``enclose`` after the checks; ``hints``: isolations valid on a cell containing it."""
        key = (lo, hi, use_mv or lo == hi)
        hit = self._cells.get(key)
        if hit is not None:
            return hit
        old = ctx.prec
        ctx.prec = self.prec
        try:
            res = self._enclose(lo, hi, deadline, use_mv, hints)
        finally:
            ctx.prec = old
        if deadline is None or time.monotonic() <= deadline:
            self._cells[key] = res
        return res

    def _enclose(self, lo, hi, deadline, use_mv, hints) -> CellResult:
        start = time.monotonic()
        why = self.undefined(lo, hi)
        if why is not None:
            # no isolation, no derivative: f is not known to be a C^3 function on the circle
            return undecided_cell(lo, hi, why, "undefined", time.monotonic() - start, self.keys)
        P = self._P(lo, hi)
        wide = lo is not None and lo != hi
        pm = tuple(qarb((a + b) / 2) for a, b in self.box(lo, hi)) if wide else None
        hint = hints + (None,) * (4 - len(hints))
        iso1 = self._iso(1, 0, 1, P, deadline, hint[0])
        t_lo, t_hi, troot = tau_right(iso1)
        iso3 = self._iso(3, 0, 1, P, deadline, hint[1])
        isos = (iso1, iso3)
        cells = iso1.cells + iso3.cells
        if self.odd:
            I = 2 * integral(self, iso3, P, pm)
        else:
            iso1l = self._iso(1, -1, 0, P, deadline, hint[2])
            l_lo, l_hi = tau_left(iso1l)
            t_lo, t_hi = max(t_lo, l_lo), max(t_hi, l_hi)
            troot = None
            iso3l = self._iso(3, -1, 0, P, deadline, hint[3])
            isos += (iso1l, iso3l)
            I = integral(self, iso3, P, pm) + integral(self, iso3l, P, pm)
            cells += iso1l.cells + iso3l.cells
        tau_lo, tau_hi = self._x(t_lo), self._x(t_hi)
        fp0 = self.d[1].enclose(arb(0), P, x_point=True)
        method = "direct"
        R = {k: ratio(tau_lo, tau_hi, I, fp0, k) for k in self.keys}
        if (use_mv and wide and self.odd and troot is not None and iso3.complete
                and all(R[k][0] is not None or R[k][1] is not None for k in self.keys)):
            mv = self._mean_value(lo, hi, P, pm, troot, isos, tau_lo, tau_hi, I, fp0)
            if mv is not None:
                method = "mean-value"
                for k in self.keys:
                    R[k] = tighten(R[k], mv[k])
        verdict = {k: verdict_of(*R[k]) for k in self.keys}
        return CellResult(lo, hi, tau_lo.lower(), tau_hi.upper(), troot is not None,
                          iso1.n_roots, I, iso3.n_roots, fp0, R, verdict, method,
                          time.monotonic() - start, cells, isolations=isos)

    def _mean_value(self, lo, hi, P, pm, troot, isos, tau_lo, tau_hi, I, fp0):
        """R(P) within R(p_m) + sum_j d_j R(P) (P_j - p_m,j) for each key (module docstring),
        or None; ``isos``: the cell's isolations (f' and f''' on [0, pi] first), the start of
        the center's."""
        iso3 = isos[1]
        if len(self.params) == 1:
            m = (lo + hi) / 2
        else:
            m = tuple((a + b) / 2 for a, b in zip(lo, hi))
        center = self._cell(m, m, None, True, isos)
        T = self._xb(troot.lo, troot.hi)
        den = self.d[2].enclose_product(T, P)
        if sign(den) == 0:
            return None
        tau_p, I_p, f0_p = [], [], []
        for p in self.params:
            d1p = self.d[1].partial(p)
            tau_p.append(-d1p.enclose_product(T, P) / den)
            I_p.append(2 * integral_slope(self, iso3, P, p))
            f0_p.append(d1p.enclose(arb(0), P, x_point=True))
        dP = [P[j] - pm[j] for j in range(len(P))]
        tau = tau_lo.union(tau_hi)
        # tighten tau and I themselves with their own mean-value forms
        tau_mv = center.tau_lo.union(center.tau_hi)
        I_mv = center.I
        for j in range(len(P)):
            tau_mv = tau_mv + tau_p[j] * dP[j]
            I_mv = I_mv + I_p[j] * dP[j]
        if tau_mv.is_finite() and tau_mv.overlaps(tau):
            tau = tau.intersection(tau_mv)
        if I_mv.is_finite() and I_mv.overlaps(I):
            I = I.intersection(I_mv)
        if not (sign(tau) > 0 and sign(I) > 0 and fp0.is_finite()):
            return None
        out = {}
        for k in self.keys:
            inv = 1 / tau + inverse_m(k)
            clo, chi = center.R[k]
            dR = [4 * (f0_p[j] * inv / I - fp0 * tau_p[j] / (tau * tau * I) - fp0 * inv * I_p[j] / (I * I))
                  for j in range(len(P))]
            if clo is None or chi is None or not all(d.is_finite() for d in dR):
                out[k] = (None, None)
                continue
            Rmv = clo.union(chi)
            for j in range(len(P)):
                Rmv = Rmv + dR[j] * dP[j]
            direct = ratio(tau.lower(), tau.upper(), I, fp0, k)
            out[k] = tighten(direct, (Rmv.lower(), Rmv.upper()))
        return out

    # -- adaptive subdivision ------------------------------------------------------------------
    def certify_range(self, lo, hi, key: str = "pi", *, min_width=None, max_cells: int = 20000,
                      seconds: float = 600.0, progress=None, use_mv: bool = True) -> RangeResult:
        """Subdivide the range [lo, hi] (a box: corners as tuples) until every cell has a
        verdict for ``key`` (or a budget ends): ``certify.criterion_range``."""
        if key not in self.keys:
            raise CertifyInputError(f"M key {key!r} is not computed by this criterion (keys {self.keys})")
        return certify_range(self, lo, hi, key, min_width=min_width, max_cells=max_cells,
                             seconds=seconds, progress=progress, use_mv=use_mv)
