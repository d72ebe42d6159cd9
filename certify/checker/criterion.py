"""Replay of a criterion file (``reports/criterion.json``, or one ``certify criterion --json``
run): every HOLDS / FAILS verdict re-derived from the recorded f text and cells alone.

R_M = 4 (1 + tau/M) f'(0) / (tau I), tau the least tau in (0, pi] with f'(x) < 0 for |x| in
(tau, pi], I = int_{-pi}^{pi} |f'''|_+ (Theorem 2.1 / Corollary 3.3; keys "2pi", "pi" and
"none", 1/M = 0).  HOLDS: R > 1 on the whole cell; FAILS: R < 1 (R decreases in tau, so then
for every admissible tau).

Re-derived for each cell [lo, hi] of the parameter p, nothing taken from the file:
- f from its text (``reader``); f', ..., f'''' and d/dp of f', ..., f'''' by ``deriv``; sympy
  proves f(-x) + f(x) = 0 and f(x + 2 pi) = f(x) (so f' and f''' are even, I = 2 int_0^pi);
- f, ..., f''' defined and continuous on [-pi, pi] x cell, f'''' and the d/dp on [0, pi] x cell
  (decorated arithmetic, dac or better); without the latter nothing uses them.  Values then
  come from arb balls (``criterion_roots``: common factors pulled out by a ring identity,
  signs through products, the mean-value form in p met in);
- the sign pieces of f' and f''' on [0, pi], uniform over the cell: tau <= the start of the
  last run of f' < 0 pieces (or pi), tau >= any point where f' > 0; when the piece before
  that run is a simple zero of f' (f'' < 0 on it), tau(p) is that zero;
- I/2 = sum over the pieces of f''' (POS [a, b]: f''(b) - f''(a); a simple zero r going down:
  f''(r) - f''(a), going up: f''(b) - f''(r); an unresolved piece X: in [0, |X| sup f'''_+]),
  telescoped before it is evaluated;
- R's bounds by monotonicity (R decreases in tau and I, increases in f'(0)).  When tau and
  every zero of f''' are simple on the cell, R is C^1 in p (implicit function theorem):
  R' = 4 [f'(0)' (1/tau + c)/I - f'(0) tau'/(tau^2 I) - f'(0) (1/tau + c) I'/I^2], with
  tau' = -d_p f'/f'' at tau and I' = 2 sum +-d_p f''(ends) (envelope theorem: f''' = 0 at the
  moving ends).  R' of one sign puts R's extreme at an end of the cell, evaluated there with
  the zeros refined by bisection; else the mean-value form R(m) + R'(cell)(cell - m).  A cell
  none of these decides is bisected (sub-cells cover it), at most ``MAX_DEPTH`` times.
Checked in the file: each run's leaves (and its ranges) are adjacent cells with exact rational
ends covering its range; its ranges, status and cell count are those of its leaves; a leaf's
verdicts match its recorded R, and its recorded tau, I, f'(0) and R meet the checker's
enclosures; every HOLDS / FAILS verdict of every leaf is replayed; the HOLDS / FAILS ranges of
a run recorded without leaves ("fails_pi_down_to_-0.7", "none_on_0_1000") are proved by the
checker, from the recorded cell ends inside them; "holds", "fails" and "M2pi" are exactly
covered by proved cells of their verdict; beta_star_*, bracket_* and crossing_*_points (each
replayed as a point cell) agree; tau_beta2 meets tau at p = 2.  Not replayed: "kuramoto"
(another f), "f3_zero_counts", "tau_is_arccos_formula", "undecided", and the cited and human
steps (Lemma C.4, needed for M = pi, is cited by the file, not checked).

Trusted: python-flint's arb, sympy's simplify for the two identities, the standard library and
the checker's own modules (``deriv``'s trees are the derivatives wherever they are defined).
"""
from __future__ import annotations

import re

import flint
import sympy
from flint import arb, fmpq

from . import arith as A
from . import terms as T
from .criterion_roots import (CLUSTER, MV, NEG, POS, ROOT, BallTerm, collect, defined_on,
                              isolate, meet, refine, tball, xball)
from .deriv import diff
from .reader import read_expr, read_rational
from .terms import CheckError

HOLDS, FAILS, UNDECIDED = "HOLDS", "FAILS", "UNDECIDED"
KEYS = ("2pi", "pi", "none")
PREC = 80
MAX_DEPTH = 8
_CACHE: dict = {}          # f text -> _Criterion (everything in it is a function of f and cells)


def _c(key):
    return {"2pi": 1 / (2 * arb.pi()), "pi": 1 / arb.pi(), "none": arb(0)}[key]


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
        self.lo, self.hi, self.B = lo, hi, tball(lo, hi)
        smooth = crit.defined("smooth", lo, hi)
        m = (lo + hi) / 2 if lo < hi else None
        self.ev = ev = {k: MV(crit.ev[k], crit.ev["p" + k[1:]], m) if smooth else crit.ev[k]
                        for k in ("f1", "f2", "f3", "f4")}
        self.iso1 = ps = isolate(ev["f1"], ev["f2"], self.B)
        self.iso3 = isolate(ev["f3"], ev["f4"] if smooth else None, self.B)
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
    def __init__(self, text, constant=False):
        """``constant``: f has no parameter (``certify criterion F --json`` without --param); it
        is read with a parameter that does not occur, and its one cell is the point 0."""
        used = set(re.findall(r"(?<![\w.])[A-Za-z_]\w*", text))
        used -= set(T.FUNCTIONS) | {"min", "max", "pi", "E"}
        params = sorted(used - {"x"})
        if constant and not params:
            params = ["no_parameter"]
        if "x" not in used or len(params) != 1:
            raise CheckError(f"f must be a function of x and one parameter: {text!r}")
        self.names = ("x", params[0])
        f = read_expr(text, self.names)
        xs, ps = sympy.Symbol("x", real=True), sympy.Symbol(params[0], real=True)
        fs = T.to_sympy(f, {"x": xs, params[0]: ps})
        if sympy.simplify(fs.subs(xs, -xs) + fs) != 0:
            raise CheckError("f is not proved odd in x (sympy: f(-x) + f(x) != 0)")
        if sympy.simplify(fs.subs(xs, xs + 2 * sympy.pi) - fs) != 0:
            raise CheckError("f is not proved 2 pi-periodic in x")
        self.t = t = {"f0": f}
        for k in range(1, 5):
            t[f"f{k}"] = diff(t[f"f{k - 1}"], "x")
            t[f"p{k}"] = diff(t[f"f{k}"], params[0])
        self.ev = {k: BallTerm(collect(v), self.names) for k, v in t.items()}
        self._cells, self._points, self._proved = {}, {}, {}

    def defined(self, which, lo, hi):
        """The trees of ``which`` ("base": f..f''' on [-pi, pi]; "smooth": f'''' and the d/dp
        on [0, pi]) are proved defined and continuous there x [lo, hi] (or on a cell that
        contains [lo, hi])."""
        names, t_lo = ((("f0", "f1", "f2", "f3"), -1) if which == "base"
                       else (("f4", "p1", "p2", "p3", "p4"), 0))
        done = self._proved.setdefault(which, [])
        if any(a <= lo and hi <= b for a, b in done):
            return True
        if not defined_on([self.t[k] for k in names], self.names, A.cell(lo, hi), t_lo, 1):
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
        m = (lo + hi) / 2
        return sum(self.prove(a, b, key, want, depth + 1, max_depth) for a, b in ((lo, m), (m, hi)))


# -- the file ---------------------------------------------------------------------------------

def _q(text, what="a rational"):
    try:
        return read_rational(text)
    except CheckError:
        raise CheckError(f"{what}: not an exact rational: {text!r}") from None


def _bound(text):
    """A recorded decimal bound (None: infinite)."""
    return None if text in ("inf", "-inf") else _q(text, "a recorded bound")


def _get(d, k, typ=(str, list, dict)):
    v = d.get(k) if isinstance(d, dict) else None
    if not isinstance(v, typ):
        raise CheckError(f"the criterion file has no valid {k!r}")
    return v


def _ranges_of(leaves, key):
    """Maximal runs of adjacent leaves with one verdict for key, as ``certify`` records them."""
    out = []
    for lo, hi, rec in leaves:
        v, (r_lo, r_hi) = rec["verdict"][key], (_bound(s) for s in rec["R"][key])
        if out and out[-1][2] == v and out[-1][1] == lo:
            o = out[-1]
            o[1:4] = [hi, v, o[3] + 1]
            o[4] = None if o[4] is None or r_lo is None else min(o[4], r_lo)
            o[5] = None if o[5] is None or r_hi is None else max(o[5], r_hi)
        else:
            out.append([lo, hi, v, 1, r_lo, r_hi])
    return out


def _run(name, run):
    """(key, [(lo, hi, leaf record)], [(lo, hi, verdict)] of its ranges) after checking that
    the leaves (if recorded) and the ranges are adjacent cells covering the run's range."""
    key = _get(run, "M", str)
    if key not in KEYS:
        raise CheckError(f"run {name}: unknown M {key!r}")
    lo, hi = (_q(v, f"run {name}") for v in _get(run, "range", list))
    ranges = [[_q(r["lo"]), _q(r["hi"]), r["verdict"], r["cells"], _bound(r["R_min_lower_bound"]),
               _bound(r["R_max_upper_bound"])] for r in _get(run, "ranges", list)]
    leaves = [(_q(r["lo"]), _q(r["hi"]), r) for r in run.get("leaves", [])]
    for what, cells in (("leaves", leaves), ("ranges", ranges)):
        ends = [lo] + [e for c in cells for e in c[:2]] + [hi]
        if not cells or any(a != b for a, b in zip(ends[::2], ends[1::2])) or \
                any(c[0] >= c[1] for c in cells):
            if what == "leaves" and "leaves" not in run:
                continue
            raise CheckError(f"run {name}: its {what} do not cover [{lo}, {hi}] without gaps")
    if leaves and ranges != _ranges_of(leaves, key):
        raise CheckError(f"run {name}: its ranges are not those of its leaves")
    vs = {r[2] for r in ranges}
    if run.get("status") != (HOLDS if vs == {HOLDS} else FAILS if FAILS in vs else UNDECIDED) or \
            run.get("cells") != sum(r[3] for r in ranges) or (leaves and len(leaves) != run["cells"]):
        raise CheckError(f"run {name}: its status or cell count is not that of its ranges")
    return key, leaves, [(a, b, v) for a, b, v, *_ in ranges]


def _check_leaf(crit, lo, hi, rec):
    """The record's verdicts match its R; its enclosures meet the checker's on the cell."""
    for key in KEYS:
        r_lo, r_hi = (_bound(s) for s in rec["R"][key])
        if not {HOLDS: r_lo is not None and r_lo > 1, FAILS: r_hi is not None and r_hi < 1,
                UNDECIDED: True}.get(rec["verdict"][key], False):
            raise CheckError(f"leaf [{lo}, {hi}]: its {key} verdict does not match its R")
    cell = crit.cell(lo, hi)
    if not cell.ok:
        return
    mine = {"tau": (cell.tau_lo, cell.tau_hi), "I": (cell.I_lo, cell.I_hi),
            "fprime0": (cell.F0.lower(), cell.F0.upper())}
    mine.update({k: cell.direct(k) for k in KEYS})
    for name, (m_lo, m_hi) in mine.items():
        r_lo, r_hi = (_bound(s) for s in (rec["R"][name] if name in KEYS else rec[name]))
        if (r_lo is not None and m_hi is not None and m_hi.is_finite() and m_hi < arb(r_lo)) or \
                (r_hi is not None and m_lo is not None and m_lo.is_finite() and m_lo > arb(r_hi)):
            raise CheckError(f"leaf [{lo}, {hi}]: its recorded {name} enclosure is impossible")


def _covered(a, b, cells) -> bool:
    """[a, b] is the union of a chain of adjacent cells from ``cells``."""
    nxt: dict = {}
    for lo, hi in cells:
        nxt.setdefault(lo, set()).add(hi)
    seen, todo = set(), [a]
    while todo:
        p = todo.pop()
        if p == b:
            return True
        if p not in seen:
            seen.add(p)
            todo += [h for h in nxt.get(p, ()) if h <= b]
    return False


def _cover(ranges, proved, key, want, what):
    out = []
    for r in ranges if isinstance(ranges, list) else [None]:
        if not (isinstance(r, list) and len(r) == 2):
            raise CheckError(f"a malformed range in {what!r}")
        a, b = _q(r[0], what), _q(r[1], what)
        if not (a < b and _covered(a, b, proved[(key, want)])):
            raise CheckError(f"{what}: [{r[0]}, {r[1]}] is not covered by {want} cells for M = {key}")
        out.append((a, b))
    return out


def _star(crit, doc, key, holds, fails):
    star = _q(_get(doc, f"beta_star_{key}"), f"beta_star_{key}")
    if star not in [a for a, _ in holds] or _q(_get(doc, f"beta_star_{key}_decimal")) != star:
        raise CheckError(f"beta_star_{key} = {star} is not the lower end of a certified HOLDS range")
    f_hi, s = (_q(v, "bracket") for v in _get(doc, f"bracket_{key}", list))
    width = _q(_get(doc, f"bracket_{key}_width"))
    if s != star or f_hi not in [b for _, b in fails] or width != star - f_hi:
        raise CheckError(f"bracket_{key} is not [the top of a FAILS range, beta_star_{key}]")
    c_lo, c_hi = (_q(v, "crossing") for v in _get(doc, f"crossing_{key}_points", list))
    if not f_hi <= c_lo < c_hi <= star:
        raise CheckError(f"crossing_{key}_points are not inside bracket_{key}")
    crit.prove(c_lo, c_lo, key, FAILS)
    crit.prove(c_hi, c_hi, key, HOLDS)


def check_criterion(doc) -> int:
    """Replay a criterion file (the dict of ``reports/criterion.json``); the number of
    recorded cells replayed.  Raises ``CheckError`` with a one-line reason on any failure."""
    single = isinstance(doc, dict) and "runs" not in doc and {"f", "M", "range", "ranges"} <= set(doc)
    if not single and not (isinstance(doc, dict) and isinstance(doc.get("runs"), dict) and doc["runs"]):
        raise CheckError("not a criterion file (no runs)")
    old = flint.ctx.prec
    flint.ctx.prec = PREC
    try:
        return _check(doc, single)
    except (KeyError, TypeError, ValueError, AttributeError, ZeroDivisionError) as e:
        raise CheckError(f"a malformed criterion file ({type(e).__name__}: {e})") from None
    finally:
        flint.ctx.prec = old


def _check_constant(doc) -> int:
    """The JSON of ``certify criterion F --json`` for an f without parameter: one cell, whose
    verdicts are replayed (f, f', f'', f''' defined and continuous on [-pi, pi] first)."""
    crit = _Criterion(_get(doc, "f", str), constant=True)
    key = _get(doc, "M", str)
    leaves, ranges = _get(doc, "leaves", list), _get(doc, "ranges", list)
    if key not in KEYS or doc.get("range") != [None, None] or len(leaves) != 1 or len(ranges) != 1:
        raise CheckError("a criterion file without parameter has exactly one cell")
    rec, rng = leaves[0], ranges[0]
    verdict = rec["verdict"][key]
    if rec.get("lo") is not None or rec.get("hi") is not None or rng.get("verdict") != verdict \
            or doc.get("status") != verdict or rng.get("cells") != 1 or doc.get("cells") != 1:
        raise CheckError("the criterion file's status is not its cell's")
    zero = fmpq(0)
    for which in ("base", "smooth"):
        crit.defined(which, zero, zero)
    _check_leaf(crit, zero, zero, rec)
    for k in KEYS:
        if rec["verdict"][k] in (HOLDS, FAILS):
            crit.prove(zero, zero, k, rec["verdict"][k])
    return 1


def _check(doc, single) -> int:
    """``single``: the JSON of ``certify criterion --json`` (one run, no summary ranges)."""
    if single and "param" in doc and doc["param"] is None:
        return _check_constant(doc)
    text = _get(doc, "f", str)
    crit = _CACHE.pop(text, None) or _Criterion(text)
    _CACHE[text] = crit
    while len(_CACHE) > 4:
        _CACHE.pop(next(iter(_CACHE)))
    if single and doc.get("param", crit.names[1]) != crit.names[1]:
        raise CheckError(f"the parameter of f is {crit.names[1]}, not {doc.get('param')!r}")
    runs = [("criterion", doc)] if single else list(doc["runs"].items())
    runs += [] if single else [(n, r) for n, r in doc.items() if isinstance(r, dict)
                               and {"M", "range", "ranges"} <= set(r)]
    cells, own = {}, []
    for name, run in runs:
        key, leaves, ranges = _run(name, run)
        for a, b, rec in leaves:
            if cells.setdefault((a, b), rec)["verdict"] != rec["verdict"]:
                raise CheckError(f"the cell [{a}, {b}] is recorded twice with different verdicts")
        if not leaves:
            own += [(key, a, b, v) for a, b, v in ranges if v in (HOLDS, FAILS)]
    if cells:                    # one proof on the hull of all cells serves every cell, if it holds
        for which in ("base", "smooth"):
            crit.defined(which, min(a for a, _ in cells), max(b for _, b in cells))
    proved = {(k, v): [] for k in KEYS for v in (HOLDS, FAILS)}
    replayed = 0
    for (a, b), rec in sorted(cells.items()):
        if HOLDS not in rec["verdict"].values() and FAILS not in rec["verdict"].values():
            continue                             # nothing claimed (f may be undefined there)
        replayed += 1
        _check_leaf(crit, a, b, rec)
        for key in KEYS:
            if rec["verdict"][key] in (HOLDS, FAILS):
                crit.prove(a, b, key, rec["verdict"][key])
                proved[(key, rec["verdict"][key])].append((a, b))
    cuts = sorted({e for c in cells for e in c})
    for key, a, b, want in own:      # a run without leaves: from the recorded cell ends inside
        ends = [a] + [e for e in cuts if a < e < b] + [b]
        for lo, hi in zip(ends, ends[1:]):
            crit.prove(lo, hi, key, want, max_depth=3 * MAX_DEPTH)
        proved[(key, want)].append((a, b))
    if single:
        return replayed
    m2 = _get(doc, "M2pi", dict)
    _star(crit, doc, "pi", _cover(doc.get("holds"), proved, "pi", HOLDS, "holds"),
          _cover(doc.get("fails"), proved, "pi", FAILS, "fails"))
    _star(crit, doc, "2pi", _cover(m2.get("holds"), proved, "2pi", HOLDS, "M2pi holds"),
          _cover(m2.get("fails"), proved, "2pi", FAILS, "M2pi fails"))
    if "tau_beta2" in doc:
        cell = crit.cell(fmpq(2), fmpq(2))
        r_lo, r_hi = (arb(_bound(s)) for s in _get(doc, "tau_beta2", list))
        t_lo, t_hi = crit.point(cell, fmpq(2))[:2] if cell.smooth else (None, None)
        if t_lo is None or t_hi < r_lo or t_lo > r_hi:
            raise CheckError("the recorded tau at beta = 2 does not meet the checker's")
    return replayed
