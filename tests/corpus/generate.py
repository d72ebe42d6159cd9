#!/usr/bin/env python
"""Generate the adversarial soundness corpus ``tests/corpus/claims.tsv``.

Every row is a claim ``lhs OP rhs`` for all points of a domain ``over`` with a ground truth
(true / false) established independently of ``certify``, by mpmath at 60 digits, under *real*
semantics: sqrt/log/asin/acos outside their real domain, division by 0, tan at its poles,
0**negative and (negative)**(non-integer) are UNDEFINED; a claim is true only if both sides are
defined (real, finite) at every point of the domain and the relation holds at every point.

Hand-written claims (classes undefined, simplify, sinc, tight, unbounded, openend, multivar)
carry a hand truth with its reason in the note; each is re-checked here by dense mpmath
sampling (plus the stated witness points) and the script fails loudly if sampling contradicts
it (a hand-false claim must have a verified failing point; a hand-true claim must have none).
Random claims (class random) get their truth from the sampling alone and are kept only when it
is unambiguous (slack and all definedness guards farther than 1e-6 relative from 0, or a
verified failing point).

Run ``python tests/corpus/generate.py``; the output is deterministic.
"""
from __future__ import annotations

import ast
import itertools
import os
import random
import re
import sys
from fractions import Fraction

import mpmath
from mpmath import mp, mpf

mp.dps = 60
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "claims.tsv") if len(sys.argv) < 2 else sys.argv[1]


class _Z:
    """Zero oracle state.  A value |g| <= thr at 60 digits is provisionally zero; when that
    happens the point is re-evaluated at 100 digits and g counts as an exact zero only if it
    shrinks there by 20 more orders of magnitude (rounding noise, e.g. cos(pi/2)), not if it
    is a genuinely tiny number such as exp(-1e10)."""
    hi = None          # guard values from the 100-digit pass, or None
    near = False       # a provisional zero decision was taken
    thr = mpf(10) ** -45


def _zero(g, gid):
    if g == 0:
        return True
    a = abs(g)
    if a > _Z.thr:
        return False
    if _Z.hi is None:
        _Z.near = True
        return True
    h = _Z.hi.get(gid)
    return h is not None and abs(h) < a * mpf(10) ** -20


class Undef(Exception):
    """The expression is undefined at the evaluation point."""


class TooBig(Exception):
    """An intermediate value is too large to evaluate sensibly (trig of 1e100)."""


def _big(u, lim):
    if abs(u) > lim:
        raise TooBig(f"|argument| > {lim}")
    return u


class CorpusError(Exception):
    """Sampling contradicts a hand-written truth (or a claim is malformed)."""


# ----------------------------------------------------------------------------------------------
# A small compiler from the claim syntax to mpmath closures with real semantics.
# ----------------------------------------------------------------------------------------------

class C:
    """Compiled node: fn(env, rec) -> mpf; frac = exact rational value if a rational constant."""

    def __init__(self, fn, isconst, frac=None):
        self.fn, self.isconst, self.frac = fn, isconst, frac


def _const(thunk, frac=None):
    """A constant, recomputed at the working precision on every use."""
    return C(lambda env, rec: thunk(), True, frac)


def _sinc(u):
    if abs(u) < mpf(10) ** -20:
        return 1 - u * u / 6
    return mp.sin(u) / u


class Compiler:
    def __init__(self, src, names):
        self.src, self.names = src, set(names)
        self.guards = {}          # gid -> (kind, text) ; kind in nz / pos / nonneg

    def guard(self, kind, node):
        gid = len(self.guards)
        self.guards[gid] = (kind, ast.get_source_segment(self.src, node) or "?")
        return gid

    def build(self, n):
        if isinstance(n, ast.Expression):
            return self.build(n.body)
        if isinstance(n, ast.Constant):
            if isinstance(n.value, bool) or not isinstance(n.value, (int, float)):
                raise CorpusError(f"bad constant {n.value!r}")
            fr = Fraction(ast.get_source_segment(self.src, n))
            return _const(lambda: mpf(fr.numerator) / fr.denominator, fr)
        if isinstance(n, ast.Name):
            if n.id == "pi":
                return _const(lambda: +mp.pi)
            if n.id == "E":
                return _const(lambda: +mp.e)
            if n.id in self.names:
                name = n.id
                return C(lambda env, rec: env[name], False)
            raise CorpusError(f"unknown name {n.id}")
        if isinstance(n, ast.UnaryOp):
            a = self.build(n.operand)
            if isinstance(n.op, ast.USub):
                if a.isconst:
                    return _const(lambda: -a.fn({}, {}), -a.frac if a.frac is not None else None)
                return C(lambda env, rec: -a.fn(env, rec), False)
            if isinstance(n.op, ast.UAdd):
                return a
            raise CorpusError("bad unary op")
        if isinstance(n, ast.BinOp):
            a, b = self.build(n.left), self.build(n.right)
            if isinstance(n.op, ast.Pow):
                return self.power(n, a, b)
            op = type(n.op)
            if op is ast.Div:
                gid = self.guard("nz", n.right)

                def f(env, rec, a=a.fn, b=b.fn):
                    u, v = a(env, rec), b(env, rec)
                    rec[gid] = v
                    if _zero(v, gid):
                        raise Undef(f"division by 0 ({self.guards[gid][1]})")
                    return u / v
            elif op is ast.Add:
                def f(env, rec, a=a.fn, b=b.fn):
                    return a(env, rec) + b(env, rec)
            elif op is ast.Sub:
                def f(env, rec, a=a.fn, b=b.fn):
                    return a(env, rec) - b(env, rec)
            elif op is ast.Mult:
                def f(env, rec, a=a.fn, b=b.fn):
                    return a(env, rec) * b(env, rec)
            else:
                raise CorpusError("bad binary op")
            if a.isconst and b.isconst:
                fr = None
                if a.frac is not None and b.frac is not None:
                    fr = {ast.Add: lambda: a.frac + b.frac, ast.Sub: lambda: a.frac - b.frac,
                          ast.Mult: lambda: a.frac * b.frac, ast.Div: lambda: a.frac / b.frac}[op]()
                return _const(lambda f=f: f({}, {}), fr)
            return C(f, False)
        if isinstance(n, ast.Call):
            if not isinstance(n.func, ast.Name) or len(n.args) != 1 or n.keywords:
                raise CorpusError("bad call")
            return self.call(n, n.func.id, self.build(n.args[0]))
        raise CorpusError(f"unsupported syntax {ast.dump(n)}")

    def power(self, n, a, b):
        if b.isconst and b.frac is not None and b.frac.denominator == 1:
            k = int(b.frac)
            if k >= 0:
                def f(env, rec):
                    return a.fn(env, rec) ** k
            else:
                gid = self.guard("nz", n.left)

                def f(env, rec):
                    u = a.fn(env, rec)
                    rec[gid] = u
                    if _zero(u, gid):
                        raise Undef(f"0**negative ({self.guards[gid][1]})")
                    return u ** k
        elif b.isconst:
            neg = b.fn({}, {}) < 0
            gid = self.guard("pos" if neg else "nonneg", n.left)

            def f(env, rec):
                e = b.fn(env, rec)
                u = a.fn(env, rec)
                rec[gid] = u
                z = _zero(u, gid)
                if u < 0 and not z:
                    raise Undef(f"negative**non-integer ({self.guards[gid][1]})")
                if z:
                    if e < 0:
                        raise Undef(f"0**negative ({self.guards[gid][1]})")
                    return mpf(0)
                return mp.power(u, e)
        else:
            gid = self.guard("pos", n.left)

            def f(env, rec):
                u, e = a.fn(env, rec), b.fn(env, rec)
                rec[gid] = u
                z = _zero(u, gid)
                if u < 0 and not z:
                    raise Undef(f"negative base of a variable power ({self.guards[gid][1]})")
                if z:
                    if e > 0:
                        return mpf(0)
                    raise Undef(f"0**nonpositive ({self.guards[gid][1]})")
                return mp.exp(e * mp.log(u))
        if a.isconst and b.isconst:
            return _const(lambda: f({}, {}))
        return C(f, False)

    def call(self, n, name, a):
        arg = n.args[0]
        simple = {"exp": mp.exp, "sin": lambda u: mp.sin(_big(u, 10 ** 100)),
                  "cos": lambda u: mp.cos(_big(u, 10 ** 100)), "atan": mp.atan,
                  "sinh": mp.sinh, "cosh": mp.cosh,
                  "tanh": mp.tanh, "sinc": lambda u: _sinc(_big(u, 10 ** 100)), "abs": abs}
        if name in simple:
            g = simple[name]

            def f(env, rec):
                return g(a.fn(env, rec))
        elif name == "sqrt":
            gid = self.guard("nonneg", arg)

            def f(env, rec):
                u = a.fn(env, rec)
                rec[gid] = u
                z = _zero(u, gid)
                if u < 0 and not z:
                    raise Undef(f"sqrt of negative ({self.guards[gid][1]})")
                return mpf(0) if z else mp.sqrt(u)
        elif name == "log":
            gid = self.guard("pos", arg)

            def f(env, rec):
                u = a.fn(env, rec)
                rec[gid] = u
                if u < 0 or _zero(u, gid):
                    raise Undef(f"log of nonpositive ({self.guards[gid][1]})")
                return mp.log(u)
        elif name in ("asin", "acos"):
            gid = self.guard("nonneg", arg)      # guard value is 1 - |u|
            g = mp.asin if name == "asin" else mp.acos

            def f(env, rec):
                u = a.fn(env, rec)
                g1 = rec[gid] = 1 - abs(u)
                if g1 < 0 and not _zero(g1, gid):
                    raise Undef(f"{name} outside [-1,1] ({self.guards[gid][1]})")
                return g(max(-1, min(1, u)))
        elif name == "tan":
            gid = self.guard("nz", arg)          # guard value is cos(u)

            def f(env, rec):
                u = _big(a.fn(env, rec), 10 ** 100)
                c = mp.cos(u)
                rec[gid] = c
                if _zero(c, gid):
                    raise Undef(f"tan pole ({self.guards[gid][1]})")
                return mp.sin(u) / c
        else:
            raise CorpusError(f"unknown function {name}")
        if a.isconst:
            return _const(lambda: f({}, {}))
        return C(f, False)


OPS = {"<=": ast.LtE, "<": ast.Lt, ">=": ast.GtE, ">": ast.Gt}


def parse_over(over):
    """'x in [0, 1], y in (0, oo)' -> list of (name, lo, hi, lo_open, hi_open); lo/hi Fraction or None."""
    out = []
    for m in re.finditer(r"([A-Za-z_]\w*)\s+in\s+([\[\(])\s*([^,\]\)]+?)\s*,\s*([^,\]\)]+?)\s*([\]\)])", over):
        name, l, lo, hi, r = m.groups()
        lo = None if lo in ("-oo",) else Fraction(lo)
        hi = None if hi in ("oo", "+oo") else Fraction(hi)
        out.append((name, lo, hi, l == "(" or lo is None, r == ")" or hi is None))
    if not out:
        raise CorpusError(f"bad domain {over!r}")
    return out


class Claim:
    def __init__(self, claim, over):
        self.text, self.over = claim, over
        self.dom = parse_over(over)
        self.names = [d[0] for d in self.dom]
        tree = ast.parse(claim, mode="eval")
        cmp = tree.body
        if not isinstance(cmp, ast.Compare) or len(cmp.ops) != 1:
            raise CorpusError(f"bad claim {claim!r}")
        self.comp = Compiler(claim, self.names)
        self.lhs = self.comp.build(cmp.left)
        self.rhs = self.comp.build(cmp.comparators[0])
        op = type(cmp.ops[0])
        self.strict = op in (ast.Lt, ast.Gt)
        self.lower = op in (ast.Gt, ast.GtE)      # lhs >(=) rhs : slack = lhs - rhs

    def _eval1(self, pt, rec):
        env = dict(zip(self.names, pt))
        u = self.lhs.fn(env, rec)
        v = self.rhs.fn(env, rec)
        s = u - v if self.lower else v - u
        return s, max(1, abs(u), abs(v))

    def eval(self, pt, derive=None):
        """-> (slack, scale, rec); raises Undef.  A slack that is zero up to rounding is
        returned as exactly 0 (see _Z); derive() re-creates the point at higher precision."""
        _Z.hi, _Z.near, _Z.thr = None, False, mpf(10) ** -45
        rec, res, exc = {}, None, None
        try:
            res = self._eval1(pt, rec)
        except Undef as e:
            exc = e
        s_near = res is not None and abs(res[0]) <= mpf(10) ** -45 * res[1]
        if _Z.near or s_near:
            rec_hi, s_hi = {}, None
            with mp.workdps(100):
                _Z.hi, _Z.thr = None, mpf(10) ** -85
                pt_hi = derive() if derive is not None else pt
                try:
                    s_hi = self._eval1(pt_hi, rec_hi)[0]
                except Undef:
                    pass
            _Z.hi, _Z.thr = rec_hi, mpf(10) ** -45
            rec, res, exc = {}, None, None
            try:
                res = self._eval1(pt, rec)
            except Undef as e:
                exc = e
            finally:
                _Z.hi = None
            if res is not None and abs(res[0]) <= mpf(10) ** -45 * res[1] and s_hi is not None:
                # zero up to rounding iff it is at the rounding level of 100 digits too
                s60 = res[0]
                if (abs(s_hi) <= mpf(10) ** -85 * res[1]) if s60 == 0 else (abs(s_hi) < abs(s60) * mpf(10) ** -20):
                    res = (mpf(0), res[1])
                else:
                    res = (+s_hi, res[1])
        if exc is not None:
            raise exc
        return res[0], res[1], rec

    def inside(self, pt):
        for (name, lo, hi, lo_open, hi_open), p in zip(self.dom, pt):
            if lo is not None and (p < fr2mp(lo) or (lo_open and p == fr2mp(lo))):
                return False
            if hi is not None and (p > fr2mp(hi) or (hi_open and p == fr2mp(hi))):
                return False
        return True


def fr2mp(q):
    return mpf(q.numerator) / q.denominator


def fmt(v, d=6):
    if v is None:
        return "?"
    if isinstance(v, Fraction):
        return str(v)
    return mpmath.nstr(v, d)


def fmt_pt(names, pt):
    return ", ".join(f"{n}={fmt(p)}" for n, p in zip(names, pt))


# ----------------------------------------------------------------------------------------------
# Sampling
# ----------------------------------------------------------------------------------------------

def nice_points(lo, hi, qmax, limit=400):
    if qmax <= 0:
        return []
    out = set()
    for q in range(1, qmax + 1):
        for p in range(int(lo * q) - 1, int(hi * q) + 2):
            f = Fraction(p, q)
            if lo <= f <= hi:
                out.add(f)
        if len(out) > limit:
            break
    return sorted(out)


def axis_points(lo, hi, lo_open, hi_open, n, qmax, near=10):
    """Sample points (mpf, sorted) of one axis, open ends approached geometrically."""
    pts = set()
    if lo is not None and hi is not None:
        a, b = fr2mp(lo), fr2mp(hi)
        for k in range(n + 1):
            pts.add(a + (b - a) * k / n)
        for f in nice_points(lo, hi, qmax):
            pts.add(fr2mp(f))
        for k in (range(1, 11) if near >= 10 else (1, 3, 6, 10)[:near]):
            pts.add(a + (b - a) * mpf(10) ** -k)
            pts.add(b - (b - a) * mpf(10) ** -k)
    else:
        if lo is None and hi is None:
            centre, sides = mpf(0), (1, -1)
        elif hi is None:
            centre, sides = fr2mp(lo), (1,)
        else:
            centre, sides = fr2mp(hi), (-1,)
        base = lo if lo is not None else (hi if hi is not None else Fraction(0))
        for s in sides:
            for k in range(n + 1):            # log-spaced offsets 1e-10 .. 1e8
                pts.add(centre + s * mpf(10) ** (-10 + mpf(18) * k / n))
            for k in range(n + 1):            # uniform offsets 0 .. 20
                pts.add(centre + s * mpf(20) * k / n)
            rng_lo, rng_hi = (base, base + 20) if s > 0 else (base - 20, base)
            for f in nice_points(rng_lo, rng_hi, qmax if near >= 10 else 1):
                pts.add(fr2mp(f))
            pts.add(centre + s * mpf(10) ** 8)
    out = []
    for p in sorted(pts):
        if lo is not None and (p < fr2mp(lo) or (lo_open and p == fr2mp(lo))):
            continue
        if hi is not None and (p > fr2mp(hi) or (hi_open and p == fr2mp(hi))):
            continue
        out.append(p)
    return out


class Finding:
    def __init__(self):
        self.fail = None          # (kind, pt, text) kind in 'undef' / 'viol'
        self.min_slack = None     # (slack, scale, pt)
        self.gmin = {}            # gid -> (value, pt)  (|g| for nz)
        self.n = 0
        self.grid_slacks = []     # slack (or None) at the grid points, in grid order


def _record(cl, F, pt, derive=None):
    """Evaluate at pt; update F; return slack or None when undefined."""
    F.n += 1
    try:
        s, scale, rec = cl.eval(pt, derive)
    except Undef as e:
        if F.fail is None or F.fail[0] != "undef":
            F.fail = ("undef", pt, f"undefined at {fmt_pt(cl.names, pt)}: {e}")
        return None, None
    bad = s <= 0 if cl.strict else s < 0
    if bad and F.fail is None:
        F.fail = ("viol", pt, f"violated at {fmt_pt(cl.names, pt)}: slack {fmt(s, 4)}")
    if F.min_slack is None or s < F.min_slack[0]:
        F.min_slack = (s, scale, pt)
    for gid, g in rec.items():
        kind = cl.comp.guards[gid][0]
        gv = abs(g) if kind == "nz" else g
        if gid not in F.gmin or gv < F.gmin[gid][0]:
            F.gmin[gid] = (gv, pt)
    return s, rec


def _golden(fun, a, b, iters=60):
    """Minimise a scalar fun on [a, b] by golden section; fun may return None (stop)."""
    gr = (mp.sqrt(5) - 1) / 2
    c, d = b - gr * (b - a), a + gr * (b - a)
    fc, fd = fun(c), fun(d)
    for _ in range(iters):
        if fc is None or fd is None:
            return
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - gr * (b - a)
            fc = fun(c)
        else:
            a, c, fc = c, d, fd
            d = a + gr * (b - a)
            fd = fun(d)


def analyse(cl, witnesses=(), n1=500, refine=True, res=1):
    """Dense sampling of a claim.  Returns a Finding."""
    F = Finding()
    dim = len(cl.dom)
    if dim == 1:
        axes = [axis_points(*cl.dom[0][1:], n1, 24)]
    elif dim == 2:
        axes = [axis_points(*d[1:], (24 if d[1] is not None and d[2] is not None else 12) * res, 4, 4)
                for d in cl.dom]
    else:
        axes = [axis_points(*d[1:], 8 if d[1] is not None and d[2] is not None else 5, 2, 2)
                for d in cl.dom]
    for w in witnesses:
        if callable(w):
            derive, w = w, w()
        else:
            derive = None
        if not cl.inside(w):
            raise CorpusError(f"witness {w} outside {cl.over}")
        _record(cl, F, w, derive)
    shape = [len(a) for a in axes]
    grid = {}
    for idx in itertools.product(*[range(k) for k in shape]):
        pt = tuple(axes[i][j] for i, j in enumerate(idx))
        grid[idx] = _record(cl, F, pt)
        F.grid_slacks.append(grid[idx][0])
    # sign changes of nonzero-guards (denominators, cos under tan) between grid neighbours
    for idx, (s, rec) in grid.items():
        if rec is None:
            continue
        for ax in range(dim):
            j = list(idx)
            j[ax] += 1
            j = tuple(j)
            if j not in grid or grid[j][1] is None:
                continue
            rec2 = grid[j][1]
            for gid, (kind, _) in cl.comp.guards.items():
                if kind != "nz" or gid not in rec or gid not in rec2:
                    continue
                if (rec[gid] > 0) != (rec2[gid] > 0):
                    _bisect_guard(cl, F, gid, idx, j, axes)
            if F.fail is not None and F.fail[0] == "undef":
                break
    if refine and (F.fail is None or F.fail[0] != "undef"):
        _refine(cl, F, axes, grid)
    return F


def _pt(axes, idx):
    return tuple(axes[i][j] for i, j in enumerate(idx))


def _bisect_guard(cl, F, gid, i1, i2, axes):
    p, q = _pt(axes, i1), _pt(axes, i2)

    def g_at(t):
        pt = tuple(a + t * (b - a) for a, b in zip(p, q))
        try:
            _, _, rec = cl.eval(pt)
        except Undef:
            return None, pt
        return rec.get(gid), pt

    lo, hi = mpf(0), mpf(1)
    s0 = g_at(lo)[0] > 0
    for _ in range(200):
        mid = (lo + hi) / 2
        g, pt = g_at(mid)
        if g is None:
            _record(cl, F, pt)        # undefined: records the failure
            return
        if (g > 0) == s0:
            lo = mid
        else:
            hi = mid
        if hi - lo < mpf(10) ** -55:
            break
    g, pt = g_at((lo + hi) / 2)
    _record(cl, F, pt)
    if F.fail is None or F.fail[0] != "undef":
        F.fail = ("undef", pt, f"undefined at {fmt_pt(cl.names, pt)}: {cl.comp.guards[gid][1]} changes "
                  f"sign across an interval of width < 1e-55 (zero by continuity)")


def _refine(cl, F, axes, grid):
    """Golden-section refinement of the slack and of every guard near the smallest samples."""
    dim = len(axes)
    objectives = [("slack", None)] + [("guard", gid) for gid in cl.comp.guards]
    for what, gid in objectives:
        def val(entry):
            s, rec = entry
            if rec is None:
                return None
            if what == "slack":
                return s
            if gid not in rec:
                return None
            g = rec[gid]
            return abs(g) if cl.comp.guards[gid][0] == "nz" else g
        cand = [(val(e), idx) for idx, e in grid.items() if val(e) is not None]
        cand.sort(key=lambda t: t[0])
        for _, idx in cand[:4 if dim == 1 else 3]:
            best = list(_pt(axes, idx))
            for _round in range(1 if dim == 1 else 3):
                for ax in range(dim):
                    j = idx[ax]
                    a = axes[ax][max(j - 1, 0)]
                    b = axes[ax][min(j + 1, len(axes[ax]) - 1)]
                    if a == b:
                        continue

                    def fun(t, ax=ax):
                        pt = list(best)
                        pt[ax] = t
                        pt = tuple(pt)
                        s, rec = _record(cl, F, pt)
                        if rec is None:
                            return None
                        return val((s, rec))
                    _golden(fun, a, b, iters=45 if dim == 1 else 30)
                    # move best along this axis to the best point seen for this objective
                    pt = F.min_slack[2] if what == "slack" else F.gmin.get(gid, (None, None))[1]
                    if pt is not None and all(pt[k] == best[k] for k in range(dim) if k != ax):
                        best[ax] = pt[ax]
            if F.fail is not None and F.fail[0] == "undef":
                return


def summary(cl, F):
    if F.fail is not None:
        return F.fail[1]
    s, scale, pt = F.min_slack
    where = fmt_pt(cl.names, pt)
    return f"sampled min slack {fmt(s, 4)} at {where}"


# ----------------------------------------------------------------------------------------------
# Hand-written claims.  (claim, over, truth, note[, witnesses])  witnesses: list of dicts of
# mpmath-evaluable strings, e.g. {"x": "pi/2"}.
# ----------------------------------------------------------------------------------------------

T, Fa = "true", "false"

UNDEFINED = [
    ("tan(x) > -100", "x in [1, 2]", Fa, "undefined at x=pi/2 (tan pole)", [{"x": "pi/2"}]),
    ("atan(tan(x)) <= 2", "x in [1, 2]", Fa, "undefined at x=pi/2; holds wherever defined", [{"x": "pi/2"}]),
    ("atan(tan(x)) <= 2", "x in [0, 3/2]", T, "tan defined on [0,3/2]; atan <= pi/2"),
    ("exp(sqrt(x-5)) >= 0", "x in [0, 1]", Fa, "undefined on all of [0,1] (sqrt of negative)"),
    ("exp(sqrt(x-5)) >= 0", "x in [5, 6]", T, "defined on [5,6], exp > 0"),
    ("exp(x+1/(x-2)) > 0", "x in [0, oo)", Fa, "undefined at x=2"),
    ("exp(x+1/(x-2)) > 0", "x in [3, oo)", T, "defined on [3,oo), exp > 0"),
    ("1/(x-1/2) < 100", "x in [0, 1]", Fa, "undefined at x=1/2 (and > 100 just right of it)"),
    ("1/(x-1/2) < 100", "x in [0, 49/100]", T, "negative on [0,0.49]"),
    ("1/(x-1/2) < 100", "x in [13/25, 1]", T, "max 50 at x=0.52"),
    ("1/x**2 > 0", "x in [-1, 1]", Fa, "undefined at x=0; positive elsewhere"),
    ("1/x**2 > 0", "x in [1/10, 1]", T, "defined, positive"),
    ("sqrt(x) >= 0", "x in [-1, 1]", Fa, "undefined for x<0"),
    ("sqrt(x) >= 0", "x in [0, 1]", T, "defined, >= 0"),
    ("asin(x) <= 2", "x in [-1, 3/2]", Fa, "undefined for x>1; asin <= pi/2 elsewhere"),
    ("asin(x) <= 2", "x in [-1, 1]", T, "asin <= pi/2 < 2"),
    ("acos(2*x) >= 0", "x in [0, 1]", Fa, "undefined for x>1/2"),
    ("acos(2*x) >= 0", "x in [-1/2, 1/2]", T, "acos >= 0 on [-1,1]"),
    ("sqrt(sin(x)) <= 1", "x in [0, 4]", Fa, "undefined for x in (pi,4]", [{"x": "7/2"}]),
    ("sqrt(sin(x)) <= 1", "x in [0, 3]", T, "sin >= 0 on [0,3]"),
    ("log(cos(x)) <= 0", "x in [0, 2]", Fa, "undefined at x=pi/2 and beyond", [{"x": "pi/2"}]),
    ("log(cos(x)) <= 0", "x in [-3/2, 3/2]", T, "cos > 0 on [-1.5,1.5]; log(cos) <= 0"),
    ("1/(x**2-2)**2 > 0", "x in [1, 2]", Fa, "undefined at x=sqrt(2) (double pole, no sign change)", [{"x": "sqrt(2)"}]),
    ("1/(x**2-2)**2 > 0", "x in [3/2, 2]", T, "x**2-2 >= 1/4 there"),
    ("tan(x)**2 >= 0", "x in [0, 2]", Fa, "undefined at x=pi/2", [{"x": "pi/2"}]),
    ("tan(x)**2 >= 0", "x in [-3/2, 3/2]", T, "tan defined on [-1.5,1.5]"),
    ("1/sin(x)**2 >= 1", "x in [1, 4]", Fa, "undefined at x=pi; >= 1 elsewhere", [{"x": "pi"}]),
    ("1/sin(x)**2 >= 1", "x in [1, 3]", T, "sin in (0,1] on [1,3]"),
    ("sqrt(1-x**2) <= 1", "x in [-1, 1]", T, "defined on [-1,1] (0 at the ends)"),
    ("sqrt(1-x**2) <= 1", "x in [-1, 101/100]", Fa, "undefined for x>1"),
    ("x**(-1)*x <= 1", "x in [-1, 1]", Fa, "undefined at x=0 (0**-1)"),
    ("x**(-1)*x <= 1", "x in [1/2, 1]", T, "equals 1"),
    ("log(x-1) < x", "x in [1, 3]", Fa, "undefined at x=1"),
    ("log(x-1) < x", "x in (1, 3]", T, "log(x-1) < x-2 < x"),
    ("exp(1/x) > 0", "x in [0, 1]", Fa, "undefined at x=0"),
    ("exp(1/x) > 0", "x in (0, 1]", T, "defined, exp > 0"),
    ("tan(x) < 2", "x in [0, 1]", T, "tan(1)=1.557"),
    ("tan(x) < 3/2", "x in [0, 1]", Fa, "tan(1)=1.557 > 1.5", [{"x": "1"}]),
    ("tan(x) > -100", "x in [-1, 1]", T, "tan >= -1.557"),
    ("sqrt(x**2-1) >= 0", "x in [1, 3]", T, "x**2-1 >= 0"),
    ("sqrt(x**2-1) >= 0", "x in [0, 3]", Fa, "undefined for x<1"),
    ("log(x**2) > -1000", "x in [-1, 1]", Fa, "undefined at x=0"),
    ("log(x**2) > -1000", "x in [1/2, 1]", T, "log(x**2) >= -1.39"),
    ("1/(1-x) > 0", "x in [0, 1]", Fa, "undefined at x=1"),
    ("1/(1-x) > 0", "x in [0, 1)", T, "1-x > 0"),
    ("log(sin(x)) <= 0", "x in [1/2, 3]", T, "sin in (0.14, 1]"),
    ("log(sin(x)) <= 0", "x in [1/2, 4]", Fa, "undefined at x=pi and beyond", [{"x": "pi"}]),
    ("x**(1/3) >= -1", "x in [-1, 1]", Fa, "x**(1/3) undefined for x<0 (real semantics for non-integer powers)"),
    ("x**(1/3) >= -1", "x in [0, 1]", T, "defined, >= 0"),
    ("acos(x) + asin(x) > 1", "x in [-1, 1]", T, "= pi/2"),
    ("acos(x) + asin(x) > 1", "x in [-1, 2]", Fa, "undefined for x>1"),
]

SIMPLIFY = [
    ("x/x > 0", "x in [-1, 1]", Fa, "undefined at x=0 (simplifies to 1)"),
    ("x/x > 0", "x in [1, 2]", T, "= 1"),
    ("x/x >= 1", "x in (0, 1]", T, "= 1"),
    ("x/x >= 1", "x in [0, 1]", Fa, "undefined at x=0"),
    ("sqrt(x)**2 >= -1", "x in [-1, 1]", Fa, "undefined for x<0 (simplifies to x >= -1)"),
    ("sqrt(x)**2 >= -1", "x in [0, 1]", T, "= x >= 0"),
    ("exp(log(x)) >= x", "x in [0, 1]", Fa, "undefined at x=0 (simplifies to x)"),
    ("exp(log(x)) >= x", "x in (0, 1]", T, "equality"),
    ("exp(log(x)) > x - 1/1000000", "x in [-1, 1]", Fa, "undefined for x<=0"),
    ("1/(1/x) >= -1", "x in [-1, 1]", Fa, "undefined at x=0 (simplifies to x)"),
    ("1/(1/x) >= -1", "x in [1/10, 1]", T, "= x"),
    ("(x**2-1)/(x-1) > 0", "x in [0, 2]", Fa, "undefined at x=1; = x+1 > 0 elsewhere"),
    ("(x**2-1)/(x-1) > 0", "x in [2, 3]", T, "= x+1"),
    ("(x**2-1)/(x-1) > 0", "x in [-1/2, 1/2]", T, "= x+1 >= 1/2"),
    ("(x**2-1)/(x-1) >= x + 1", "x in [0, 2]", Fa, "undefined at x=1"),
    ("(x**2-1)/(x-1) >= x + 1", "x in (1, 2]", T, "equality"),
    ("sin(x)/x <= 1", "x in [-1, 1]", Fa, "undefined at x=0 (sinc would be fine)"),
    ("sin(x)/x <= 1", "x in [1/10, 1]", T, "sin(x) <= x"),
    ("x**2/x >= -1", "x in [-1, 1]", Fa, "undefined at x=0"),
    ("x**2/x >= -1", "x in [-1/2, -1/10]", T, "= x >= -1/2"),
    ("(x-1)/(x-1) >= 1", "x in [0, 2]", Fa, "undefined at x=1"),
    ("(x-1)/(x-1) >= 1", "x in [2, 3]", T, "= 1"),
    ("sqrt(x)*sqrt(x) >= x", "x in [-1, 1]", Fa, "undefined for x<0"),
    ("sqrt(x)*sqrt(x) >= x", "x in [0, 1]", T, "equality"),
    ("sqrt(x**2) >= x", "x in [-1, 1]", T, "|x| >= x, defined everywhere"),
    ("log(x**2) - 2*log(x) >= 0", "x in [-2, -1]", Fa, "log(x) undefined for x<0 (log(x**2) is fine)"),
    ("log(x**2) - 2*log(x) >= 0", "x in [1, 2]", T, "= 0"),
    ("(x**(1/3))**3 >= x - 1", "x in [-1, 1]", Fa, "x**(1/3) undefined for x<0"),
    ("(x**(1/3))**3 >= x - 1", "x in [0, 1]", T, "= x"),
    ("tan(x)*cos(x) <= 1", "x in [0, 2]", Fa, "undefined at x=pi/2 (simplifies to sin)", [{"x": "pi/2"}]),
    ("tan(x)*cos(x) <= 1", "x in [0, 1]", T, "= sin(x) <= 1"),
    ("exp(x)/exp(x) > 0", "x in [-5, 5]", T, "= 1"),
    ("(x**2-4)/(x+2) < 1", "x in [-3, 5/2]", Fa, "undefined at x=-2; = x-2 < 1 elsewhere"),
    ("(x**2-4)/(x+2) < 1", "x in [0, 5/2]", T, "= x-2 <= 1/2"),
    ("1/x - 1/x >= 0", "x in [-1, 1]", Fa, "undefined at x=0 (simplifies to 0)"),
    ("1/x - 1/x >= 0", "x in [1, 2]", T, "= 0"),
    ("x*(1/x) <= 1", "x in [0, 1]", Fa, "undefined at x=0"),
    ("x*(1/x) <= 1", "x in [1/4, 1]", T, "= 1"),
    ("acos(cos(x)) <= pi", "x in [-10, 10]", T, "cos in [-1,1], acos <= pi"),
    ("asin(sin(x)) >= -2", "x in [-10, 10]", T, "asin >= -pi/2"),
    ("sqrt(x - x) >= 0", "x in [0, 1]", T, "sqrt(0) = 0"),
    ("log(x - x + 1) >= 0", "x in [-3, 3]", T, "log(1) = 0"),
    ("log(x - x) > -1", "x in [0, 1]", Fa, "log(0) undefined everywhere"),
    ("log(exp(x)) <= x", "x in [-5, 5]", T, "equality"),
    ("exp(log(x)) >= x", "x in [-1, -1/2]", Fa, "undefined on the whole domain"),
]

SINC = [
    ("sinc(1/x) + 2 > 0", "x in [-1, 1]", Fa, "undefined at x=0 (1/0)"),
    ("sinc(1/x) + 2 > 0", "x in [1/2, 1]", T, "sinc >= -0.22"),
    ("sinc(1/x) + 2 > 0", "x in (0, 1]", T, "sinc >= -0.22"),
    ("sinc(1/x) + 2 > 0", "x in [-1, -1/10]", T, "sinc >= -0.22"),
    ("sinc(x) <= 1", "x in [-1, 1]", T, "sinc(0)=1 is the max"),
    ("sinc(x) < 1", "x in [-1, 1]", Fa, "sinc(0) = 1", [{"x": "0"}]),
    ("sinc(x) > 0", "x in [-3, 3]", T, "sin(x)/x > 0 for |x|<pi"),
    ("sinc(x) > 0", "x in [-4, 4]", Fa, "sinc(pi) = 0", [{"x": "pi"}]),
    ("sinc(x) >= -0.2173", "x in [-10, 10]", T, "min -0.217234 at x=4.4934"),
    ("sinc(x) >= -0.21723", "x in [-10, 10]", Fa, "min -0.217234 at x=4.4934"),
    ("sinc(1/x) >= -1/4", "x in (0, 1]", T, "sinc >= -0.217234"),
    ("sinc(1/x) >= -0.2172", "x in (0, 1]", Fa, "min -0.217234 at x=1/4.4934", [{"x": "1/4.493409457909064"}]),
    ("x*sinc(1/x) <= 1", "x in (0, 1]", T, "= x**2 sin(1/x) <= x**2 sin(1) < 1"),
    ("x*sinc(1/x) <= 1", "x in [0, 1]", Fa, "undefined at x=0"),
    ("sinc(x)**2 <= 1", "x in [-5, 5]", T, "|sinc| <= 1"),
    ("sinc(x - 1) + 1 > 0", "x in [-5, 5]", T, "sinc > -1"),
    ("sinc(1/(x-1)) > -1", "x in [0, 2]", Fa, "undefined at x=1"),
    ("sinc(1/(x-1)) > -1", "x in [0, 1/2]", T, "sinc > -1"),
    ("sinc(sqrt(x)) <= 1", "x in [-1, 1]", Fa, "sqrt undefined for x<0"),
    ("sinc(sqrt(x)) <= 1", "x in [0, 1]", T, "sinc <= 1"),
    ("sinc(log(x)) > 0", "x in [0, 1]", Fa, "log undefined at x=0"),
    ("sinc(log(x)) > 0", "x in [1/2, 2]", T, "|log x| < 0.7"),
    ("sinc(tan(x)) >= -1", "x in [0, 2]", Fa, "tan pole at pi/2", [{"x": "pi/2"}]),
    ("sinc(tan(x)) >= -1", "x in [0, 1]", T, "sinc > -1"),
    ("sinc(1/x) < 1", "x in [-1, 1]", Fa, "undefined at x=0"),
    ("sinc(1/x) < 1", "x in (0, 1]", T, "sinc(u) < 1 for u != 0"),
    ("sinc(x) + sinc(1/x) > -1", "x in [1/2, 2]", T, "both sinc > -0.22"),
    ("sinc(x) + sinc(1/x) > -1", "x in [-1, 1]", Fa, "undefined at x=0"),
    ("sinc(x) >= 0", "x in [-3, 3]", T, "sinc > 0 on [-3,3]"),
    ("sinc(x)*x <= 1", "x in [-10, 10]", T, "= sin(x) <= 1"),
    ("sinc(x)*x < 1", "x in [0, 2]", Fa, "= sin(x), equals 1 at pi/2", [{"x": "pi/2"}]),
    ("sinc(x) > -0.2", "x in [-10, 10]", Fa, "min -0.217234 at x=4.4934"),
    ("sinc(2*x) <= 0.99", "x in [-1, 1]", Fa, "sinc(0) = 1"),
    ("sinc(1/x) > 0", "x in [1/4, 1]", Fa, "sinc(4) = -0.189 at x=1/4"),
    ("sinc(1/x) > 0", "x in [1/3, 1]", T, "1/x in [1,3], sinc > 0 there"),
    ("sinc(x)**2 < 1", "x in [-5, 5]", Fa, "= 1 at x=0"),
    ("sinc(pi*x) > 0", "x in [-1, 1]", Fa, "sinc(pi) = 0 at x=+-1"),
    ("sinc(pi*x) > 0", "x in (-1, 1)", T, "|pi x| < pi"),
    ("sinc(sqrt(x)) > 0", "x in [0, 10]", Fa, "sqrt(10) > pi: sinc < 0 for x > pi**2"),
    ("sinc(x-1/2) <= 1", "x in [0, 1]", T, "sinc <= 1"),
    ("1/sinc(x) >= 1", "x in [-4, 4]", Fa, "sinc(pi) = 0: division by 0 at x=pi", [{"x": "pi"}]),
    ("1/sinc(x) >= 1", "x in [-3, 3]", T, "sinc in (0, 1] on [-3,3]"),
    ("sinc(1/x**2) >= -1/4", "x in [-1, 1]", Fa, "undefined at x=0"),
]

TIGHT = [
    ("x**2 >= 0", "x in [-1, 1]", T, "tangent at x=0"),
    ("x**2 > 0", "x in [-1, 1]", Fa, "= 0 at x=0"),
    ("x**2 >= 0.000001", "x in [-1, 1]", Fa, "0 at x=0"),
    ("x**2 > -0.000001", "x in [-1, 1]", T, "min 0"),
    ("(x-1/3)**2 >= 0", "x in [0, 1]", T, "tangent at x=1/3"),
    ("(x-1/3)**2 > 0", "x in [0, 1]", Fa, "= 0 at x=1/3"),
    ("(x-1/3)**2 >= 0.000001", "x in [0, 1]", Fa, "0 at x=1/3"),
    ("(x-1/3)**2 > -0.000001", "x in [0, 1]", T, "min 0"),
    ("x*(1-x) <= 1/4", "x in [0, 1]", T, "max 1/4 at x=1/2"),
    ("x*(1-x) < 1/4", "x in [0, 1]", Fa, "= 1/4 at x=1/2"),
    ("x*(1-x) <= 0.249999", "x in [0, 1]", Fa, "1/4 at x=1/2"),
    ("x*(1-x) < 0.250001", "x in [0, 1]", T, "max 1/4"),
    ("exp(x) >= 1+x", "x in [-2, 2]", T, "tangent at x=0"),
    ("exp(x) > 1+x", "x in [-2, 2]", Fa, "equality at x=0"),
    ("exp(x) >= 1 + x + 1/1000000", "x in [-2, 2]", Fa, "equality at x=0 for the unshifted claim"),
    ("exp(x) > 1 + x - 1/1000000", "x in [-2, 2]", T, "min slack 1e-6"),
    ("log(x) <= x-1", "x in [1/2, 2]", T, "tangent at x=1"),
    ("log(x) < x-1", "x in [1/2, 2]", Fa, "equality at x=1"),
    ("log(x) <= x - 1 - 0.000001", "x in [1/2, 2]", Fa, "equality at x=1 unshifted"),
    ("log(x) < x - 1 + 0.000001", "x in [1/2, 2]", T, "min slack 1e-6"),
    ("sin(x) <= 1", "x in [0, 3]", T, "max 1 at pi/2"),
    ("sin(x) < 1", "x in [0, 3]", Fa, "= 1 at x=pi/2", [{"x": "pi/2"}]),
    ("sin(x) <= 0.999999", "x in [0, 3]", Fa, "1 at x=pi/2", [{"x": "pi/2"}]),
    ("sin(x) < 1.000001", "x in [0, 3]", T, "max 1"),
    ("acos(x) <= pi", "x in [-1, 1]", T, "= pi at x=-1"),
    ("acos(x) < pi", "x in [-1, 1]", Fa, "= pi at x=-1"),
    ("acos(x) <= 3.1415926", "x in [-1, 1]", Fa, "acos(-1) = pi > 3.1415926"),
    ("acos(x) < 3.1415927", "x in [-1, 1]", T, "max pi < 3.1415927"),
    ("x**2 - a*x + 1 > 0", "a in [0, 2], x in [-5, 5]", Fa, "= 0 at a=2, x=1"),
    ("x**2 - a*x + 1 >= 0", "a in [0, 2], x in [-5, 5]", T, "min 1 - a**2/4 >= 0"),
    ("x**2 - a*x + 1 > 0", "a in [0, 19/10], x in [-5, 5]", T, "min 1 - a**2/4 >= 0.0975"),
    ("cos(x) >= 1 - x**2/2", "x in [-3, 3]", T, "tangent (4th order) at x=0"),
    ("cos(x) > 1 - x**2/2", "x in [-3, 3]", Fa, "equality at x=0"),
    ("sin(x) >= x - x**3/6", "x in [0, 2]", T, "equality at x=0 (5th order)"),
    ("sin(x) > x - x**3/6", "x in [0, 2]", Fa, "equality at x=0"),
    ("x**4 - 2*x**2 + 1 >= 0", "x in [-2, 2]", T, "= (x**2-1)**2"),
    ("x**4 - 2*x**2 + 1 > 0", "x in [-2, 2]", Fa, "0 at x=+-1"),
    ("cosh(x) >= 1", "x in [-3, 3]", T, "min 1 at 0"),
    ("cosh(x) > 1", "x in [-3, 3]", Fa, "= 1 at 0"),
    ("tanh(x) < 1", "x in [0, 10]", T, "tanh(10) = 1 - 4e-9"),
    ("tanh(x) <= 0.999999", "x in [0, 10]", Fa, "tanh(10) > 0.999999"),
    ("sqrt(x) <= (x+1)/2", "x in [0, 4]", T, "AM-GM, equality at x=1"),
    ("sqrt(x) < (x+1)/2", "x in [0, 4]", Fa, "equality at x=1"),
    ("atan(x) <= x", "x in [0, 2]", T, "equality at 0"),
    ("atan(x) < x", "x in [0, 2]", Fa, "equality at 0"),
    ("(x-1/7)**2*(x-5/7)**2 >= 0", "x in [0, 1]", T, "double roots at 1/7, 5/7"),
    ("(x-1/7)**2*(x-5/7)**2 > 0", "x in [0, 1]", Fa, "0 at x=1/7"),
    ("(x - sqrt(2))**2 >= 0", "x in [1, 2]", T, "tangent at irrational sqrt(2)"),
    ("(x - sqrt(2))**2 > 0", "x in [1, 2]", Fa, "0 at x=sqrt(2)", [{"x": "sqrt(2)"}]),
]

UNBOUNDED = [
    ("atan(x) < 1.6", "x in [0, oo)", T, "sup pi/2 = 1.5708 at x=oo"),
    ("atan(x) < 1.5707963", "x in [0, oo)", Fa, "atan(x) -> pi/2 = 1.57079632679; exceeds at x ~ 3.7e7"),
    ("atan(x) < pi/2", "x in [0, oo)", T, "sup pi/2 not attained"),
    ("atan(x) <= 1.5707963267948966", "x in [0, oo)", Fa, "constant is 1.9e-17 below pi/2; exceeded for x > 6e16",
     [{"x": "10**18"}]),
    ("exp(-x) > 0.0001", "x in [0, oo)", Fa, "exp(-10) < 1e-4"),
    ("exp(-x) > 0", "x in [0, oo)", T, "inf 0 at x=oo, not attained"),
    ("x*exp(-x) <= exp(-1)", "x in [0, oo)", T, "max 1/e at x=1"),
    ("x*exp(-x) < exp(-1)", "x in [0, oo)", Fa, "= 1/e at x=1"),
    ("x*exp(-x) <= 0.3678", "x in [0, oo)", Fa, "max 1/e = 0.36788 > 0.3678"),
    ("sin(x) <= x", "x in [0, oo)", T, "equality at 0"),
    ("sin(x) < x", "x in [0, oo)", Fa, "equality at 0"),
    ("sin(x) < x", "x in (0, oo)", T, "strict for x > 0"),
    ("(1+1/x)**x < E", "x in [1, oo)", T, "increasing to E at x=oo"),
    ("(1+1/x)**x < 2.7182", "x in [1, oo)", Fa, "exceeds 2.7182 for x > ~1.7e4"),
    ("(1+1/x)**x >= 2", "x in [1, oo)", T, "= 2 at x=1, increasing"),
    ("(1+1/x)**x > 2", "x in [1, oo)", Fa, "= 2 at x=1"),
    ("log(x) < x", "x in (0, oo)", T, "x - log x >= 1"),
    ("log(x) < sqrt(x)", "x in (0, oo)", T, "max of log x - sqrt x is log 4 - 2 < 0 at x=4"),
    ("log(x) < x**(1/4)", "x in (0, oo)", Fa, "log 256 - 4 = 1.545 > 0 at x=256"),
    ("x**2*exp(-x) <= 0.55", "x in [0, oo)", T, "max 4/e**2 = 0.5413 at x=2"),
    ("x**2*exp(-x) <= 0.54", "x in [0, oo)", Fa, "max 0.5413 at x=2"),
    ("1/(1+x**2) > 0", "x in (-oo, oo)", T, "positive, -> 0 at +-oo"),
    ("1/(1+x**2) > 0.00000001", "x in (-oo, oo)", Fa, "< 1e-8 for |x| > 1e4"),
    ("exp(x) > x**10", "x in [0, oo)", Fa, "e**2 < 2**10"),
    ("exp(x) > x**10", "x in [40, oo)", T, "ratio e**x/x**10 increasing for x>10, > 2 at 40"),
    ("sqrt(x+1) - sqrt(x) > 0", "x in [0, oo)", T, "-> 0 at x=oo, positive"),
    ("sqrt(x+1) - sqrt(x) > 0.0001", "x in [0, oo)", Fa, "5e-5 at x=1e8"),
    ("x/(1+x) < 1", "x in [0, oo)", T, "-> 1 at x=oo, not attained"),
    ("x/(1+x) < 0.99999999", "x in [0, oo)", Fa, "exceeds for x > 1e8", [{"x": "10**9"}]),
    ("tanh(x) > 0.995", "x in [3, oo)", T, "tanh(3) = 0.99505, increasing to 1"),
    ("tanh(x) > 0.996", "x in [3, oo)", Fa, "tanh(3) = 0.99505"),
    ("exp(-x**2) <= 1", "x in (-oo, oo)", T, "max 1 at 0"),
    ("exp(-x**2) < 1", "x in (-oo, oo)", Fa, "= 1 at 0"),
    ("x*sin(1/x) < 1", "x in [1, oo)", T, "x sin(1/x) < 1, -> 1 at x=oo"),
    ("x*sin(1/x) < 0.9999", "x in [1, oo)", Fa, "1 - 1/(6x**2) > 0.9999 for x > 41"),
    ("atan(x) + atan(1/x) >= 1.5", "x in (0, oo)", T, "= pi/2"),
    ("log(1+x) <= x", "x in [0, oo)", T, "equality at 0"),
    ("log(1+x) < x", "x in [0, oo)", Fa, "equality at 0"),
    ("exp(-x) * x**3 <= 1.35", "x in [0, oo)", T, "max 27/e**3 = 1.3443 at x=3"),
    ("exp(-x) * x**3 <= 1.34", "x in [0, oo)", Fa, "max 1.3443 at x=3"),
    ("x**2 - 3*x + 3 > 0", "x in (-oo, oo)", T, "min 3/4 at 1.5"),
    ("x**3 - x > -1000000", "x in (-oo, oo)", Fa, "-> -oo at x=-oo"),
    ("x**3 - x > -1000000", "x in [-10, oo)", T, "min -990 at x=-10"),
    # half-integer powers at infinity and acos near 1 (Lemma A.3 as printed)
    ("acos((sqrt(1+4*x**2)-1)/(2*x)) < 1/sqrt(x)", "x in (0, oo)", T, "Lemma A.3; slack ~ x^(-3/2)/12 -> 0 at oo"),
    ("acos((sqrt(1+4*x**2)-1)/(2*x)) < 99/(100*sqrt(x))", "x in (0, oo)", Fa,
     "acos(c) ~ (1 - 1/(12x))/sqrt(x) > 0.99/sqrt(x) for x > 8.4", [{"x": "100"}]),
    ("cos(1/sqrt(x)) < 1 - 1/(3*x)", "x in [1, oo)", T, "1 - cos s - s^2/3 = s^2(4 - s^2)/24 + ... > 0, s = x^(-1/2) <= 1"),
    ("cos(1/sqrt(x)) < 1 - 1/(2*x)", "x in [1, oo)", Fa, "cos s > 1 - s^2/2 for s != 0"),
    ("sqrt(x+1) - sqrt(x) > 1/(2*sqrt(x+1))", "x in [0, oo)", T, "= 1/(sqrt(x+1) + sqrt(x)); slack -> 0 at oo"),
    ("sqrt(x+1) - sqrt(x) > 1/(2*sqrt(x))", "x in (0, oo)", Fa, "1/(sqrt(x+1) + sqrt(x)) < 1/(2 sqrt(x))"),
    ("asin(1/sqrt(x)) > 1/sqrt(x)", "x in (1, oo)", T, "asin s > s on (0, 1); slack ~ s^3/6"),
    ("asin(1/sqrt(x)) > 1/sqrt(x) + 1/(5*x**(3/2))", "x in (1, oo)", Fa, "asin s - s ~ s^3/6 < s^3/5", [{"x": "100"}]),
    ("acos(1 - 1/x) <= pi/(2*sqrt(x))", "x in [1, oo)", T, "acos(1 - t)/sqrt(t) increases to pi/2 at t = 1"),
    ("acos(1 - 1/x) > sqrt(2/x)", "x in [1, oo)", T, "acos(1 - t) > sqrt(2t)(1 + t/12)"),
    ("acos(1 - 1/x) < sqrt(2/x)", "x in [1, oo)", Fa, "acos(1 - t) > sqrt(2t)"),
]

OPENEND = [
    ("log(x) < x", "x in (0, 10]", T, "x - log x >= 1, slack -> oo at 0"),
    ("log(x) < x", "x in [0, 10]", Fa, "undefined at x=0"),
    ("1/sin(x) > 0", "x in (0, 3]", T, "sin > 0, slack -> oo at 0"),
    ("1/sin(x) > 0", "x in [0, 3]", Fa, "undefined at x=0"),
    ("1/sin(x) > 0", "x in (0, 4]", Fa, "undefined at x=pi", [{"x": "pi"}]),
    ("x*log(x) >= -0.5", "x in (0, 1]", T, "min -1/e = -0.3679 at x=1/e; -> 0 at x=0"),
    ("x*log(x) >= -0.36", "x in (0, 1]", Fa, "min -1/e = -0.3679"),
    ("x*log(x) >= -0.5", "x in [0, 1]", Fa, "log undefined at x=0"),
    ("x**x > 0.69", "x in (0, 1]", T, "min exp(-1/e) = 0.69220 at x=1/e; -> 1 at 0"),
    ("x**x > 0.693", "x in (0, 1]", Fa, "min 0.69220 < 0.693"),
    ("sqrt(x) > 0", "x in (0, 1]", T, "slack -> 0 at the open end"),
    ("sqrt(x) > 0", "x in [0, 1]", Fa, "= 0 at x=0"),
    ("x > 0", "x in (0, 1]", T, "open end"),
    ("x > 0", "x in [0, 1]", Fa, "= 0 at x=0"),
    ("log(x) > -30", "x in (0, 1]", Fa, "log -> -oo at 0", [{"x": "10**-14"}]),
    ("1/x > 1", "x in (0, 1)", T, "1/x > 1 on (0,1)"),
    ("1/x > 1", "x in (0, 1]", Fa, "= 1 at x=1"),
    ("x*log(x) < 0", "x in (0, 1)", T, "negative on (0,1), -> 0 at both ends"),
    ("x*log(x) < 0", "x in (0, 1]", Fa, "= 0 at x=1"),
    ("exp(-1/x) > 0", "x in (0, 1]", T, "-> 0 at the open end"),
    ("exp(-1/x) > 0", "x in [0, 1]", Fa, "undefined at x=0"),
    ("x**x <= 1", "x in (0, 1]", T, "sup 1 at 0 and 1"),
    ("x**(-1/2) > 1", "x in (0, 1)", T, "> 1 on (0,1)"),
    ("x**(-1/2) > 1", "x in (0, 1]", Fa, "= 1 at x=1"),
    ("x**(-1/2) > 1", "x in [0, 1)", Fa, "undefined at x=0 (0**negative)"),
    ("sin(x)/x < 1", "x in (0, 1]", T, "sup 1 at 0, not attained"),
    ("sin(x)/x > 0.84", "x in (0, 1]", T, "min sin(1) = 0.8415"),
    ("sin(x)/x > 0.842", "x in (0, 1]", Fa, "sin(1) = 0.84147"),
    ("log(x)/x < 0.37", "x in (0, oo)", T, "max 1/e = 0.36788 at x=e"),
    ("log(x)/x < 0.3678", "x in (0, oo)", Fa, "max 1/e = 0.36788"),
    ("x**2*log(x) >= -0.19", "x in (0, 1]", T, "min -1/(2e) = -0.18394"),
    ("x**2*log(x) >= -0.18", "x in (0, 1]", Fa, "min -0.18394"),
    ("tan(x) > 0", "x in (0, 3/2]", T, "open end at 0"),
    ("1/tan(x) > 0", "x in (0, 3/2]", T, "cot > 0 there, -> oo at 0"),
    ("1/tan(x) > 0", "x in [0, 3/2]", Fa, "undefined at x=0"),
    ("x**(1/x) <= 1.5", "x in (0, oo)", T, "max e**(1/e) = 1.4447"),
    ("x**(1/x) <= 1.44", "x in (0, oo)", Fa, "max 1.4447 at x=e"),
    ("sqrt(x)*log(x) > -0.8", "x in (0, 1]", T, "min -2/e = -0.7358 at e**-2"),
    ("sqrt(x)*log(x) > -0.73", "x in (0, 1]", Fa, "min -0.7358"),
    ("log(x) + 1/x >= 1", "x in (0, 2]", T, "min 1 at x=1, -> oo at 0"),
    ("log(x) + 1/x > 1", "x in (0, 2]", Fa, "= 1 at x=1"),
    ("1/x - 1/sin(x) < 0", "x in (0, 3]", T, "sin x < x; -> 0 at 0"),
]

MULTIVAR = [
    ("x + y - 2*sqrt(x*y) >= 0", "x in [0, 1], y in [0, 1]", T, "(sqrt x - sqrt y)**2"),
    ("x + y - 2*sqrt(x*y) > 0", "x in [0, 1], y in [0, 1]", Fa, "0 on x=y"),
    ("x*y <= 1/4", "x in [0, 1], y in [0, 1]", Fa, "1 at x=y=1"),
    ("x*(1-x)*y <= 1/4", "x in [0, 1], y in [0, 1]", T, "max 1/4 at x=1/2, y=1"),
    ("x*(1-x)*y < 1/4", "x in [0, 1], y in [0, 1]", Fa, "= 1/4 at x=1/2, y=1"),
    ("x**2 + y**2 >= 2*x*y", "x in [-1, 1], y in [-1, 1]", T, "(x-y)**2 >= 0"),
    ("x**2 + y**2 > 2*x*y", "x in [-1, 1], y in [-1, 1]", Fa, "equality on x=y"),
    ("x**2 + y**2 + z**2 >= x*y + y*z + z*x", "x in [-1, 1], y in [-1, 1], z in [-1, 1]", T, "sum of squares/2"),
    ("x**2 + y**2 + z**2 > x*y + y*z + z*x", "x in [-1, 1], y in [-1, 1], z in [-1, 1]", Fa, "equality at x=y=z"),
    ("x*y*z <= 1", "x in [0, 1], y in [0, 1], z in [0, 1]", T, "max 1"),
    ("x*y*z < 1", "x in [0, 1], y in [0, 1], z in [0, 1]", Fa, "= 1 at (1,1,1)"),
    ("sqrt(x*y) <= (x+y)/2", "x in [0, 2], y in [0, 2]", T, "AM-GM"),
    ("sqrt(x*y) <= (x+y)/2", "x in [-1, 1], y in [0, 1]", Fa, "sqrt undefined for x<0<y"),
    ("log(x*y) <= log(x) + log(y) + 1/10", "x in (0, 2], y in (0, 2]", T, "equality + 1/10"),
    ("log(x+y) >= -10", "x in [0, 1], y in [0, 1]", Fa, "undefined at x=y=0"),
    ("log(x+y) >= -10", "x in (0, 1], y in [0, 1]", Fa, "log(x) < -10 for x < 4.5e-5, y=0", [{"x": "10**-6", "y": "0"}]),
    ("log(x+y) >= -10", "x in [1/10, 1], y in [0, 1]", T, "min log(1/10)"),
    ("x/y >= 0", "x in [0, 1], y in [0, 1]", Fa, "undefined at y=0"),
    ("x/y >= 0", "x in [0, 1], y in [1/2, 1]", T, "nonneg"),
    ("exp(x*y) >= 1 + x*y", "x in [-2, 2], y in [-2, 2]", T, "exp(t) >= 1+t"),
    ("exp(x*y) > 1 + x*y", "x in [-2, 2], y in [-2, 2]", Fa, "equality where x*y=0"),
    ("sin(x)*sin(y) <= 1", "x in [-4, 4], y in [-4, 4]", T, "max 1"),
    ("sin(x)*sin(y) < 1", "x in [-4, 4], y in [-4, 4]", Fa, "= 1 at (pi/2, pi/2)", [{"x": "pi/2", "y": "pi/2"}]),
    ("x*y + y*z + z*x >= -1", "x in [-1, 1], y in [-1, 1], z in [-1, 1]", T, "min -1 at (1,-1,0)"),
    ("x*y + y*z + z*x > -1", "x in [-1, 1], y in [-1, 1], z in [-1, 1]", Fa, "= -1 at (1,-1,0)"),
    ("x**2 + y**2 <= 2", "x in [-1, 1], y in [-1, 1]", T, "max 2 at corners"),
    ("x**2 + y**2 < 2", "x in [-1, 1], y in [-1, 1]", Fa, "= 2 at corners"),
    ("1/(x - y) > -100", "x in [0, 1], y in [2, 3]", T, "x - y in [-3,-1]"),
    ("1/(x - y) > -100", "x in [0, 1], y in [0, 1]", Fa, "undefined on x=y"),
    ("x*exp(-x*y) <= 1", "x in [0, 1], y in [0, oo)", T, "x*exp(-xy) <= x <= 1"),
    ("atan(x) + atan(y) < pi", "x in [0, oo), y in [0, oo)", T, "sup pi at oo, not attained"),
    ("atan(x) + atan(y) < 3.1415926", "x in [0, oo), y in [0, oo)", Fa, "-> pi > 3.1415926", [{"x": "10**9", "y": "10**9"}]),
    ("x**y > 0", "x in (0, 1], y in [0, 2]", T, "positive base"),
    ("x**y > 0", "x in [0, 1], y in [0, 2]", Fa, "0**y = 0 (y>0), 0**0 undefined"),
    ("x*y - x - y + 1 >= 0", "x in [0, 1], y in [0, 1]", T, "= (1-x)(1-y)"),
    ("x*y - x - y + 1 >= 0", "x in [0, 2], y in [0, 2]", Fa, "-1 at (0,2)"),
    ("z*(x**2+y**2) >= 0", "x in [-1, 1], y in [-1, 1], z in [0, 1]", T, "nonneg"),
    ("z*(x**2+y**2) > 0", "x in [-1, 1], y in [-1, 1], z in [0, 1]", Fa, "0 at z=0"),
    ("sqrt(1 - x**2 - y**2) >= 0", "x in [-1/2, 1/2], y in [-1/2, 1/2]", T, "1 - x**2 - y**2 >= 1/2"),
    ("sqrt(1 - x**2 - y**2) >= 0", "x in [-1, 1], y in [-1, 1]", Fa, "undefined at the corners"),
    ("a*x**2 + x + 1 > 0", "a in [1/2, 1], x in [-3, 3]", T, "discriminant 1 - 4a < 0"),
    ("a*x**2 + x + 1 > 0", "a in [0, 1], x in [-3, 3]", Fa, "a=0: x + 1 = 0 at x=-1"),
]

HAND = [("undefined", UNDEFINED), ("simplify", SIMPLIFY), ("sinc", SINC), ("tight", TIGHT),
        ("unbounded", UNBOUNDED), ("openend", OPENEND), ("multivar", MULTIVAR)]


def eval_const(text):
    cl = Compiler(text, [])
    c = cl.build(ast.parse(text, mode="eval"))
    return c.fn({}, {})


def check_hand(cls, spec):
    claim, over, truth, note = spec[:4]
    wit = spec[4] if len(spec) > 4 else []
    cl = Claim(claim, over)
    ws = [(lambda w=w: tuple(eval_const(w[n]) for n in cl.names)) for w in wit]
    F = analyse(cl, ws)
    found_false = F.fail is not None
    if truth == Fa and not found_false:
        raise CorpusError(f"[{cls}] {claim} on {over}: hand truth false but sampling found no failing "
                          f"point ({summary(cl, F)})")
    if truth == T and found_false:
        raise CorpusError(f"[{cls}] {claim} on {over}: hand truth true but {F.fail[2]}")
    mp_note = F.fail[2] if found_false else summary(cl, F)
    return f"{note} [mpmath: {mp_note}]"


# ----------------------------------------------------------------------------------------------
# Random expression trees
# ----------------------------------------------------------------------------------------------

UNARY = ["sqrt", "exp", "log", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh",
         "tanh", "sinc", "abs"]
UNARY_W = [3, 2, 3, 3, 3, 2, 2, 2, 2, 1, 1, 2, 2, 1]


def rand_const(rng):
    r = rng.random()
    if r < 0.4:
        v = rng.randint(1, 5)
        return str(v) if rng.random() < 0.8 else f"(-{v})"
    if r < 0.8:
        q = rng.randint(2, 9)
        p = rng.randint(1, 12)
        fr = Fraction(p, q)
        s = f"{fr.numerator}/{fr.denominator}" if fr.denominator != 1 else str(fr.numerator)
        return f"({s})" if rng.random() < 0.8 else f"(-{s})"
    d = rng.choice(["0.5", "0.25", "0.1", "1.5", "0.3", "2.5", "0.75"])
    return d


def rand_tree(rng, depth, names):
    """Random expression of nesting depth exactly <= depth (>= 1), containing a variable."""
    if depth <= 0:
        if rng.random() < 0.75:
            return rng.choice(names)
        return rand_const(rng)
    r = rng.random()
    if r < 0.45:
        f = rng.choices(UNARY, UNARY_W)[0]
        return f"{f}({rand_tree(rng, depth - 1, names)})"
    if r < 0.9:
        op = rng.choice(["+", "-", "*", "/", "*", "+"])
        a = rand_tree(rng, depth - 1, names)
        b = rand_tree(rng, rng.randint(0, depth - 1), names)
        if rng.random() < 0.5:
            a, b = b, a
        if op in "+-" and rng.random() < 0.5:
            b = f"{rand_const(rng)}*{b}"
        return f"({a} {op} {b})"
    e = rng.choice(["2", "3", "(-1)", "(1/2)", "(3/2)", "(-1/2)", "2", "(1/3)"])
    return f"({rand_tree(rng, depth - 1, names)})**{e}"


def rand_end(rng, lo_lim=-4, hi_lim=4):
    q = rng.choice([1, 2, 4, 5, 10])
    return Fraction(rng.randint(lo_lim * q, hi_lim * q), q)


def rand_cell(rng):
    while True:
        a, b = rand_end(rng), rand_end(rng)
        if a != b:
            a, b = min(a, b), max(a, b)
            if b - a <= 5:
                return a, b


def fstr(q):
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def dec_str(v, sig=10):
    """A short exact decimal close to v (as text)."""
    s = mpmath.nstr(v, sig, min_fixed=-30, max_fixed=30)
    if "e" in s:
        s = mpmath.nstr(v, sig, min_fixed=-100, max_fixed=100)
    return s


def random_claims(target, dims, seed):
    rng = random.Random(seed)
    out = []
    tries = 0
    counts = {True: 0, False: 0}
    n_undef = 0
    while len(out) < target:
        tries += 1
        if tries > 60 * target:
            raise CorpusError("random generation: too many rejections")
        names = ["x", "y", "z"][:dims]
        depth = rng.randint(2, 4)
        expr = rand_tree(rng, depth, names)
        if not all(re.search(rf"\b{n}\b", expr) for n in names):
            continue
        if len(expr) > 90:
            continue
        cells = [rand_cell(rng) for _ in names]
        opens = [(rng.random() < 0.15, rng.random() < 0.15) for _ in names]
        over = ", ".join(f"{n} in {'(' if lo_o else '['}{fstr(a)}, {fstr(b)}{')' if hi_o else ']'}"
                         for n, (a, b), (lo_o, hi_o) in zip(names, cells, opens))
        op = rng.choice(["<", "<=", ">", ">="])
        # pass 1: extremum of expr (as a claim 'expr >= 0' / 'expr <= 0'; we only need samples)
        probe = Claim(f"{expr} {'>=' if op in ('>', '>=') else '<='} 0", over)
        try:
            F = analyse(probe, n1=300, refine=True)
        except TooBig:
            continue
        if F.min_slack is None:
            continue                                  # undefined at every sample
        undefined = F.fail is not None and F.fail[0] == "undef"
        m = F.min_slack[0]                            # min of expr (>=) or min of -expr (<=)
        ext = m if op in (">", ">=") else -m
        # scale: spread of the sampled values
        scale = max(mpf(10) ** -3, abs(ext))
        if abs(ext) > 10 ** 6:
            continue
        want_true = counts[True] <= counts[False]
        k = rng.randint(1, 5)
        delta = scale * mpf(10) ** -k * rng.choice([1, 2, 5])
        # constant c so that the claim "expr op c" is (numerically) true iff want_true
        if op in (">", ">="):
            c = ext - delta if want_true else ext + delta
        else:
            c = ext + delta if want_true else ext - delta
        cs = dec_str(c, 12)
        if cs.startswith("-"):
            cs = f"({cs})"
        text = f"{expr} {op} {cs}"
        cl = Claim(text, over)
        try:
            F2 = analyse(cl, [F.min_slack[2]] + ([F.fail[1]] if undefined else []), n1=500)
        except TooBig:
            continue
        # decide unambiguously
        if F2.fail is not None:
            kind, pt, why = F2.fail
            if kind == "viol":
                s, scale2, _ = cl.eval(pt)
                if not s < -mpf(10) ** -6 * max(scale, mpf(10) ** -3):
                    continue                          # violation too tight to trust
            truth = Fa
            note = why
        else:
            s, _, pt = F2.min_slack
            if not s > mpf(10) ** -6 * scale:
                continue
            ok = True
            for gid, (kind, _) in cl.comp.guards.items():
                gv = F2.gmin.get(gid)
                if gv is None:
                    ok = False
                    break
                if gv[0] <= mpf(10) ** -6:
                    ok = False                        # a guard touches its boundary: ambiguous
                    break
            if not ok:
                continue
            # resolution checks: not too oscillatory, and a finer independent grid agrees
            seq = [v for v in F2.grid_slacks if v is not None]
            turns = sum(1 for a, b, c in zip(seq, seq[1:], seq[2:]) if (b - a) * (c - b) < 0)
            if turns > (60 if dims == 1 else 400):
                continue
            try:
                F3 = analyse(cl, n1=1111, res=2 if dims > 1 else 1)
            except TooBig:
                continue
            if F3.fail is not None or F3.min_slack[0] < s / 2:
                continue
            truth = T
            note = f"sampled min slack {fmt(s, 4)} at {fmt_pt(cl.names, pt)} (relative margin {fmt(s / scale, 2)})"
        is_true = truth == T
        if counts[is_true] > counts[not is_true] + 2:
            continue                                  # keep the classes balanced
        is_undef = truth == Fa and note.startswith("undefined")
        if is_undef and n_undef > (counts[False] - n_undef) + 3:
            continue                                  # enough "undefined somewhere" falses
        n_undef += is_undef
        counts[is_true] += 1
        out.append((text, over, truth, note))
        if len(out) % 25 == 0:
            print(f"  random dim {dims}: {len(out)}/{target} (tries {tries})", file=sys.stderr)
    return out


def main():
    rows = []
    for cls, specs in HAND:
        for i, spec in enumerate(specs, 1):
            note = check_hand(cls, spec)
            rows.append((f"{cls}-{i:03d}", cls, spec[0], spec[1], spec[2], note))
        print(f"{cls}: {len(specs)} claims checked", file=sys.stderr)
    rnd = random_claims(150, 1, seed=20250101) + random_claims(30, 2, seed=20250102)
    for i, (text, over, truth, note) in enumerate(rnd, 1):
        rows.append((f"random-{i:03d}", "random", text, over, truth, note))
    print(f"random: {len(rnd)} claims", file=sys.stderr)
    seen = set()
    for r in rows:
        key = (r[2], r[3])
        if key in seen:
            raise CorpusError(f"duplicate claim {key}")
        seen.add(key)
        if any("\t" in f or "\n" in f for f in r):
            raise CorpusError(f"tab/newline in {r}")
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("id\tclass\tclaim\tover\ttruth\tnote\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    print(f"wrote {len(rows)} rows to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
