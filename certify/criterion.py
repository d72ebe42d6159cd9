"""The synchronization criterion of Theorem 2.1 / Corollary 3.3, certified for any f.

For an interaction function f(x; p) (an expression tree in x and at most one parameter p,
``certify.expr``; a sympy expression is converted with ``from_sympy``) and a cell of parameter
values, this module encloses, uniformly over the cell:

- tau: the least tau in (0, pi] with f'(x) < 0 for all x not in [-tau, tau] (mod 2 pi);
- I = int_{-pi}^{pi} |f'''(x)|_+ dx;
- f'(0);
- the synchronization ratio  R_M = 4 (1 + tau/M) f'(0) / (tau I)  for M = 2 pi (Theorem 2.1),
  M = pi (Corollary 3.3; valid only when tau_max < pi is known, e.g. Lemma C.4 of the paper
  for f_beta with beta < 0) and the variant without the factor (1 + tau/M) (key "none");

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
       R(P) = R(p_m) + R'(P)(P - p_m) is used as well: tau' = -d_p f'/f'' at the tau ball,
       I' = 2 sum +-d_p f''(root or end) (the envelope theorem: f''' vanishes at the moving
       ends), f'(0)' = d_p f'(0).  This keeps tau and I correlated and is what makes wide cells
       decide where R is far from 1.

The parameter range is subdivided adaptively (``certify_range``, ``certify.criterion_range``):
a cell whose verdict is UNDECIDED is split until it decides, its width falls below
``min_width`` or a budget (cells, seconds) runs out -- the last two end as UNDECIDED, never as
a guess.  A cell's isolations start from those of the cell it was split from (their pieces
hold on every sub-cell), and so do those of its mean-value center.

Parts: ``criterion_bounds`` (tau from the pieces, R's bounds), ``criterion_result`` (cell and
range results), ``criterion_decimal`` (outward decimal printing).
"""
from __future__ import annotations

import time
from fractions import Fraction
from typing import Optional

import sympy
from flint import arb, ctx

from .criterion_bounds import inverse_m, ratio, tau_left, tau_right, tighten
from .criterion_decimal import decimal_bound, qstr, round_decimal
from .criterion_range import certify_range
from .criterion_result import (FAILS, HOLDS, M_KEYS, M_LABEL, UNDECIDED, CellResult,
                               RangeResult, undecided_cell, verdict_of)
from .errors import CertifyInputError
from .expr import interval as I
from .expr import nodes as N
from .expr.bridge import from_sympy, to_sympy
from .expr.tape import Tape
from .expr.text import to_text
from .roots import NEG, POS, ROOT, Fn, Isolation, interval_of, is_total, isolate, qarb, sign, tball

__all__ = ["Criterion", "CellResult", "RangeResult", "HOLDS", "FAILS", "UNDECIDED", "M_KEYS",
           "M_LABEL", "decimal_bound", "qstr", "round_decimal"]


# -- the problem -----------------------------------------------------------------------------------

DEFINED_MIN_WIDTH = Fraction(1, 1 << 20)     # t-width below which an undefined piece stays so
DEFINED_BUDGET = 4000                         # x-pieces per definedness check
WIDE_SHARE = 8                                # x-cell budget share of a wide parameter cell
_LABELS = ("f", "f'", "f''", "f'''")


def _name(v) -> str:
    return v if isinstance(v, str) else str(v.name)


class Criterion:
    """The criterion for one f.  ``f`` is an expression tree (``certify.expr``) or a sympy
    expression (converted with ``from_sympy``) in the variable ``x`` (a name or a sympy Symbol)
    and at most one parameter ``param``.  Derivatives are built by ``certify.expr.diff`` and
    compiled once.  Without a parameter, an f that is not proved defined and continuous on
    [-pi, pi] (with f', f'', f''') is an input error."""

    def __init__(self, f, x="x", param=None, *, prec: int = 64, isolate_cells: int = 4000):
        self.x = _name(x)
        self.param = None if param is None else _name(param)
        self.prec = prec
        self.isolate_cells = isolate_cells
        self.names = (self.x,) + ((self.param,) if self.param is not None else ())
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
            raise CertifyInputError("f must be 2*pi-periodic in x (could not prove f(x + 2 pi) = f(x))")
        self.odd = sympy.simplify(fs.subs(xs, -xs) + fs) == 0
        params = (self.param,) if self.param is not None else ()
        self.fn = Fn(tree, self.x, params)
        self.d = {1: self.fn.dx}
        self.d[2] = self.d[1].dx
        self.d[3] = self.d[2].dx
        for k in (1, 2, 3):                      # build in the constructor: bad input fails early
            self.d[k].dx
            if self.param is not None:
                self.d[k].partial(self.param)
        trees = [self.fn.tree] + [self.d[k].tree for k in (1, 2, 3)]
        self._total = all(is_total(t) for t in trees)
        self._defn = Tape([trees], self.names)
        self._cells: dict = {}                   # (lo, hi, use_mv) -> CellResult
        self._undef: dict = {}
        if self.param is None:
            why = self.undefined()
            if why is not None:
                raise CertifyInputError(f"f is not defined/continuous on [-pi, pi]: {why}")

    # -- definedness ---------------------------------------------------------------------------
    def undefined(self, lo: Optional[Fraction] = None, hi: Optional[Fraction] = None) -> Optional[str]:
        """None when f, f', f'', f''' are proved defined and continuous on [-pi, pi] x [lo, hi]
        (no arguments without a parameter), else the reason.  The proof: x is bisected until
        on every closed piece the arb-ball fast path succeeds or the decorated interval
        evaluation gives decoration >= dac for all four trees (continuity on finitely many
        closed pieces is continuity on their union)."""
        if lo is not None:
            lo, hi = Fraction(lo), Fraction(hi if hi is not None else lo)
        key = (lo, hi)
        if key in self._undef:
            return self._undef[key]
        old = ctx.prec
        ctx.prec = self.prec
        try:
            why = None if self._total else self._undefined(lo, hi)
        finally:
            ctx.prec = old
        self._undef[key] = why
        return why

    def _undefined(self, lo, hi) -> Optional[str]:
        P = self._P(lo, hi)
        P_iv = [interval_of(p) for p in P]
        outs = self._defn.outputs[0]
        pi = arb.pi()
        stack = [(Fraction(-1), Fraction(1))]
        pieces = 0
        while stack:
            a, b = stack.pop()
            X = pi * tball(a, b)
            balls = self._defn.balls([X, *P])
            bad = [k for k, o in enumerate(outs) if balls[o] is None]
            if bad:
                _, decs = self._defn.intervals([I.from_arb(X), *P_iv])
                bad = [k for k in bad if decs[outs[k]] < I.DAC]
            if not bad:
                continue
            pieces += 1
            if b - a <= DEFINED_MIN_WIDTH or pieces > DEFINED_BUDGET:
                near = decimal_bound(pi * qarb((a + b) / 2), "lo", 6)
                return f"{_LABELS[bad[0]]} is not proved defined and continuous near x = {near}"
            m = (a + b) / 2
            stack.append((m, b))
            stack.append((a, m))
        return None

    # -- helpers -------------------------------------------------------------------------------
    def _P(self, lo, hi):
        if self.param is None:
            return ()
        return (tball(lo, hi),)

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
        if P and not P[0].is_exact():
            cells //= WIDE_SHARE
        return isolate(self.d[k], t_lo, t_hi, P, scale=arb.pi(), max_cells=cells, deadline=deadline,
                       within=within)

    # -- I -------------------------------------------------------------------------------------
    def _integral(self, iso: Isolation, P, pm):
        """Enclosure of int over the isolation's interval of |f'''|_+ (see module docstring)."""
        d2, d3 = self.d[2], self.d[3]
        plain = arb(0)
        center = arb(0)
        slope = arb(0)
        extra = arb(0)
        for p in iso.pieces:
            if p.kind == POS:
                a, b = self._x(p.lo), self._x(p.hi)
                plain += d2.enclose(b, P, x_point=True) - d2.enclose(a, P, x_point=True)
                if pm is not None:
                    center += d2(b, pm) - d2(a, pm)
                    dp = d2.partial(self.param)
                    slope += dp.enclose(b, P, x_point=True) - dp.enclose(a, P, x_point=True)
            elif p.kind != NEG:
                X = self._xb(p.lo, p.hi)
                v = d3.enclose_product(X, P)      # factor-wise: exp(...) times the rest
                if not v.is_finite():
                    return arb("nan")
                up = v.upper()
                if up > 0 or not (up <= 0):
                    width = (arb.pi() * qarb(p.hi - p.lo)).upper()
                    extra += arb(0).union((width * up).upper())
        if pm is not None:
            mv = center + slope * (P[0] - pm[0])
            if plain.is_finite() and mv.is_finite() and plain.overlaps(mv):
                plain = plain.intersection(mv)
            elif mv.is_finite():
                plain = mv
        return plain + extra

    def _integral_slope(self, iso: Isolation, P):
        """dI/dp over the cell (envelope theorem) for a complete isolation on [0, 1]."""
        dp = self.d[2].partial(self.param)
        ends = []                      # (x-ball, +1 for a segment end, -1 for a start)
        ps = iso.pieces
        if ps[0].kind == POS:
            ends.append((self._x(Fraction(0)), -1))
        for p in ps:
            if p.kind == ROOT:
                ends.append((self._xb(p.lo, p.hi), -1 if p.slope > 0 else 1))
        if ps[-1].kind == POS:
            ends.append((self._x(Fraction(1)), 1))
        total = arb(0)
        for X, s in ends:
            v = dp.enclose_product(X, P)
            total = total + v if s > 0 else total - v
        return total

    # -- one cell ----------------------------------------------------------------------------------
    def enclose(self, lo: Optional[Fraction] = None, hi: Optional[Fraction] = None,
                *, deadline: Optional[float] = None, use_mv: bool = True,
                within: Optional[CellResult] = None) -> CellResult:
        """All enclosures and verdicts on the parameter cell [lo, hi] (a point when lo == hi;
        no arguments when f has no parameter).  ``within``: a result on a cell that contains
        [lo, hi]; its root isolations (statements for every parameter of that cell) are where
        this cell's isolations start.  Memoized per cell (the first result is kept, except one
        that the deadline may have cut short)."""
        if (self.param is None) != (lo is None):
            raise CertifyInputError("a parameter cell is needed exactly when f has a parameter")
        hints = ()
        if lo is not None:
            lo, hi = Fraction(lo), Fraction(hi if hi is not None else lo)
            if within is not None:
                if not (within.lo <= lo and hi <= within.hi):
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
            return undecided_cell(lo, hi, why, "undefined", time.monotonic() - start)
        P = self._P(lo, hi)
        wide = lo is not None and lo != hi
        pm = (qarb((lo + hi) / 2),) if wide else None
        hint = hints + (None,) * (4 - len(hints))
        iso1 = self._iso(1, 0, 1, P, deadline, hint[0])
        t_lo, t_hi, troot = tau_right(iso1)
        iso3 = self._iso(3, 0, 1, P, deadline, hint[1])
        isos = (iso1, iso3)
        cells = iso1.cells + iso3.cells
        if self.odd:
            I = 2 * self._integral(iso3, P, pm)
        else:
            iso1l = self._iso(1, -1, 0, P, deadline, hint[2])
            l_lo, l_hi = tau_left(iso1l)
            t_lo, t_hi = max(t_lo, l_lo), max(t_hi, l_hi)
            troot = None
            iso3l = self._iso(3, -1, 0, P, deadline, hint[3])
            isos += (iso1l, iso3l)
            I = self._integral(iso3, P, pm) + self._integral(iso3l, P, pm)
            cells += iso1l.cells + iso3l.cells
        tau_lo, tau_hi = self._x(t_lo), self._x(t_hi)
        fp0 = self.d[1].enclose(arb(0), P, x_point=True)
        method = "direct"
        R = {k: ratio(tau_lo, tau_hi, I, fp0, k) for k in M_KEYS}
        if (use_mv and wide and self.odd and troot is not None and iso3.complete
                and all(R[k][0] is not None or R[k][1] is not None for k in M_KEYS)):
            mv = self._mean_value(lo, hi, P, pm, troot, isos, tau_lo, tau_hi, I, fp0)
            if mv is not None:
                method = "mean-value"
                for k in M_KEYS:
                    R[k] = tighten(R[k], mv[k])
        verdict = {k: verdict_of(*R[k]) for k in M_KEYS}
        return CellResult(lo, hi, tau_lo.lower(), tau_hi.upper(), troot is not None,
                          iso1.n_roots, I, iso3.n_roots, fp0, R, verdict, method,
                          time.monotonic() - start, cells, isolations=isos)

    def _mean_value(self, lo, hi, P, pm, troot, isos, tau_lo, tau_hi, I, fp0):
        """R(P) within R(p_m) + R'(P) (P - p_m) for each key (module docstring), or None;
        ``isos``: the cell's isolations (f' and f''' on [0, pi] first), the start of the
        center's."""
        iso3 = isos[1]
        m = (lo + hi) / 2
        center = self._cell(m, m, None, True, isos)
        p = self.param
        T = self._xb(troot.lo, troot.hi)
        d1p = self.d[1].partial(p)
        den = self.d[2].enclose_product(T, P)
        if sign(den) == 0:
            return None
        tau_p = -d1p.enclose_product(T, P) / den
        I_p = 2 * self._integral_slope(iso3, P)
        f0_p = d1p.enclose(arb(0), P, x_point=True)
        tau = tau_lo.union(tau_hi)
        # tighten tau and I themselves with their own mean-value forms
        tc = center.tau_lo.union(center.tau_hi)
        tau_mv = tc + tau_p * (P[0] - pm[0])
        if tau_mv.is_finite() and tau_mv.overlaps(tau):
            tau = tau.intersection(tau_mv)
        I_mv = center.I + I_p * (P[0] - pm[0])
        if I_mv.is_finite() and I_mv.overlaps(I):
            I = I.intersection(I_mv)
        if not (sign(tau) > 0 and sign(I) > 0 and fp0.is_finite()):
            return None
        out = {}
        for k in M_KEYS:
            c = inverse_m(k)
            inv = 1 / tau + c
            dR = 4 * (f0_p * inv / I - fp0 * tau_p / (tau * tau * I) - fp0 * inv * I_p / (I * I))
            clo, chi = center.R[k]
            if clo is None or chi is None or not dR.is_finite():
                out[k] = (None, None)
                continue
            Rm = clo.union(chi)
            Rmv = Rm + dR * (P[0] - pm[0])
            direct = ratio(tau.lower(), tau.upper(), I, fp0, k)
            out[k] = tighten(direct, (Rmv.lower(), Rmv.upper()))
        return out

    # -- adaptive subdivision ------------------------------------------------------------------
    def certify_range(self, lo, hi, key: str = "pi", *, min_width=None, max_cells: int = 20000,
                      seconds: float = 600.0, progress=None, use_mv: bool = True) -> RangeResult:
        """Subdivide [lo, hi] until every cell has a verdict for ``key`` (or a budget ends):
        ``certify.criterion_range``."""
        inverse_m(key)
        return certify_range(self, lo, hi, key, min_width=min_width, max_cells=max_cells,
                             seconds=seconds, progress=progress, use_mv=use_mv)
