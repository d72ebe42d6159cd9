"""Replay of a criterion file (``reports/criterion.json``, or one ``certify criterion --json``
run): every HOLDS / FAILS verdict re-derived from the recorded f text and cells alone.

R_M = 4 (1 + tau/M) f'(0) / (tau I), tau the least tau in (0, pi] with f'(x) < 0 for |x| in
(tau, pi], I = int_{-pi}^{pi} |f'''|_+ (Theorem 2.1 / Corollary 3.3; keys "2pi", "pi",
"none" (1/M = 0) and any positive constant M as text, read by ``criterion_m``).  HOLDS: R > 1 on the whole cell; FAILS: R < 1 (R decreases in tau, so then
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
A ``certify criterion --json`` document over a parameter box (``criterion_box``: the leaves
cover the box, cells decided by direct enclosures and bisection) and the hypotheses such a
document records as CERTIFIED (``criterion_hyp``) are replayed too.

Trusted: python-flint's arb, sympy's simplify for the two identities, the standard library and
the checker's own modules (``deriv``'s trees are the derivatives wherever they are defined).
"""
from __future__ import annotations

import flint
from flint import arb, fmpq

from .criterion_cells import FAILS, HOLDS, KEYS, MAX_DEPTH, PREC, UNDECIDED, _Criterion  # noqa: F401
from . import criterion_box as BOX
from .criterion_hyp import check_hypotheses
from .criterion_m import inverse, keys_of
from .reader import read_rational
from .terms import CheckError

_CACHE: dict = {}          # f text -> _Criterion (everything in it is a function of f and cells)


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


def _ranges_of(leaves, key, joins=None):
    """Maximal runs of adjacent leaves with one verdict for key, as ``certify`` records them
    (``joins``: when a leaf continues a run of boxes, ``criterion_box.joins``)."""
    out = []
    for lo, hi, rec in leaves:
        v, (r_lo, r_hi) = rec["verdict"][key], (_bound(s) for s in rec["R"][key])
        if out and out[-1][2] == v and (joins(out[-1][0], out[-1][1], lo, hi) if joins else out[-1][1] == lo):
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
    inverse(key)                 # a fixed key or a positive constant the checker reads itself
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
    keys = keys_of(rec)
    for key in keys:
        r_lo, r_hi = (_bound(s) for s in rec["R"][key])
        if not {HOLDS: r_lo is not None and r_lo > 1, FAILS: r_hi is not None and r_hi < 1,
                UNDECIDED: True}.get(rec["verdict"][key], False):
            raise CheckError(f"leaf [{lo}, {hi}]: its {key} verdict does not match its R")
    cell = crit.cell(lo, hi)
    if not cell.ok:
        return
    mine = {"tau": (cell.tau_lo, cell.tau_hi), "I": (cell.I_lo, cell.I_hi),
            "fprime0": (cell.F0.lower(), cell.F0.upper())}
    mine = {("value", k): v for k, v in mine.items()}
    mine.update({("R", k): cell.direct(k) for k in keys})
    for (kind, name), (m_lo, m_hi) in mine.items():
        r_lo, r_hi = (_bound(s) for s in (rec["R"][name] if kind == "R" else rec[name]))
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
        if not (a < b and _covered(a, b, proved.get((key, want), []))):
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
    inverse(key)
    if doc.get("range") != [None, None] or len(leaves) != 1 or len(ranges) != 1:
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
    for k in keys_of(rec):
        if rec["verdict"][k] in (HOLDS, FAILS):
            crit.prove(zero, zero, k, rec["verdict"][k])
    check_hypotheses(crit, doc, key, [(zero, zero)])
    return 1


def _status_of(ranges):
    vs = {r[2] for r in ranges}
    return HOLDS if vs == {HOLDS} else FAILS if FAILS in vs else UNDECIDED


def _check_box(doc) -> int:
    """The JSON of ``certify criterion --json`` over a parameter box: the leaves cover the box,
    the ranges are their runs, every HOLDS / FAILS verdict and every CERTIFIED hypothesis is
    replayed (direct enclosures, bisecting the widest side)."""
    names = _get(doc, "param", list)
    crit = _Criterion(_get(doc, "f", str), box=names)
    key, k = _get(doc, "M", str), len(names)
    inverse(key)

    def corner(v):
        return BOX.corner(v, _q, k)
    lo, hi = (corner(c) for c in _get(doc, "range", list))
    leaves = [(corner(r["lo"]), corner(r["hi"]), r) for r in _get(doc, "leaves", list)]
    if not BOX.covers(lo, hi, [(a, b) for a, b, _ in leaves]):
        raise CheckError("the leaves do not cover the parameter box without overlaps")
    ranges = [[corner(r["lo"]), corner(r["hi"]), r["verdict"], r["cells"], _bound(r["R_min_lower_bound"]),
               _bound(r["R_max_upper_bound"])] for r in _get(doc, "ranges", list)]
    if ranges != _ranges_of(leaves, key, BOX.joins):
        raise CheckError("the box's ranges are not those of its leaves")
    if doc.get("status") != _status_of(ranges) or doc.get("cells") != len(leaves):
        raise CheckError("the box's status or cell count is not that of its leaves")
    replayed = 0
    for a, b, rec in leaves:
        claims = [(k2, rec["verdict"][k2]) for k2 in keys_of(rec) if rec["verdict"][k2] in (HOLDS, FAILS)]
        if claims:
            replayed += 1
            _check_leaf(crit, a, b, rec)
        for k2, want in claims:
            crit.prove(a, b, k2, want)
    check_hypotheses(crit, doc, key, [(a, b) for a, b, _ in leaves])
    return replayed


def _check(doc, single) -> int:
    """``single``: the JSON of ``certify criterion --json`` (one run, no summary ranges)."""
    if single and "param" in doc and doc["param"] is None:
        return _check_constant(doc)
    if single and isinstance(doc.get("param"), list):
        return _check_box(doc)
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
    proved: dict = {}
    replayed = 0
    for (a, b), rec in sorted(cells.items()):
        if HOLDS not in rec["verdict"].values() and FAILS not in rec["verdict"].values():
            continue                             # nothing claimed (f may be undefined there)
        replayed += 1
        _check_leaf(crit, a, b, rec)
        for key in keys_of(rec):
            if rec["verdict"][key] in (HOLDS, FAILS):
                crit.prove(a, b, key, rec["verdict"][key])
                proved.setdefault((key, rec["verdict"][key]), []).append((a, b))
    cuts = sorted({e for c in cells for e in c})
    for key, a, b, want in own:      # a run without leaves: from the recorded cell ends inside
        ends = [a] + [e for e in cuts if a < e < b] + [b]
        for lo, hi in zip(ends, ends[1:]):
            crit.prove(lo, hi, key, want, max_depth=3 * MAX_DEPTH)
        proved.setdefault((key, want), []).append((a, b))
    if single:
        check_hypotheses(crit, doc, runs[0][1]["M"], sorted(cells))
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
