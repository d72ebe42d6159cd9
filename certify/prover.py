"""For-all inequalities and extremum bounds on a Domain: the pipeline around the search.

``prove_inequality(lhs, op, rhs, domain)``:
1. normalize to ``F > 0`` or ``F >= 0`` (F = lhs - rhs or rhs - lhs);
2. prove the domain obligations of F (sqrt / log / acos arguments stay in their domain) as
   claims of their own, which licenses clipping those arguments;
3. on unbounded domains: drop factors that are positive on the domain (exp, positive
   constants, powers of a positive variable), substitute ``v = a - 1 + 1/u`` and multiply by
   ``u^k`` (positive for u > 0) until the expression is finite at u = 0; for a univariate claim
   that no ``u^k`` tames (exponential tails) use the *tail rule*: prove F monotone on [Z, oo)
   (a sign claim on F') and compare with the exact sympy limit at infinity;
4. ends where F vanishes identically (open ends, or closed ends of a non-strict claim) are
   decided by the sign of the first non-vanishing derivative there (exact leading term);
5. branch and bound (``certify.search``).
Every transformation is recorded in the certificate so that ``certify.check`` can redo it.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field

import flint
import sympy
from sympy import bottom_up
from flint import arb

from .balls import ball, endpoints, interval_text, point
from .domain import Domain, Interval, compactify
from .enclose import Ladder
from .errors import CertifyInputError
from .exact import rational_str, to_rational
from .search import Budget, EndRule, bound_min, prove_positive
from .parse import parse_expr
from .translate import ArbFunction, obligations

OPS = {"<", "<=", ">", ">="}
MAX_ORDER = 6
TAIL_STARTS = (8, 32, 128)


@dataclass
class Result:
    status: str
    margin: list | None = None           # outward decimal [lower, upper] of inf of the slack
    margin_kind: str = "slack"           # 'slack' = lhs - rhs (or rhs - lhs); 'transformed'
    witness: dict | None = None
    witness_value: list | None = None
    reason: str = ""
    cells: int = 0
    methods: dict = field(default_factory=dict)
    certificate: dict | None = None
    seconds: float = 0.0
    open_cells: list = field(default_factory=list)


def normalize(lhs, op, rhs):
    if op not in OPS:
        raise CertifyInputError(f"unknown relation {op!r}")
    lhs, rhs = sympy.sympify(lhs), sympy.sympify(rhs)
    F = lhs - rhs if op in (">", ">=") else rhs - lhs
    return F, op in ("<", ">")


def rename_symbols(expr, domain: Domain):
    """Match free symbols to the domain's variables by name (so 'b' and Symbol('b', real=True)
    are the same variable); unknown names are an input error."""
    expr = sympy.sympify(expr)
    mapping = {}
    for s in expr.free_symbols:
        if s.name not in domain.names:
            raise CertifyInputError(f"unknown variable '{s.name}' (domain has {', '.join(domain.names)})")
        mapping[s] = sympy.Symbol(s.name, real=True)
    for f in expr.atoms(sympy.Float):
        raise CertifyInputError(f"binary float {f} in expression; write it as an exact decimal string")
    return expr.xreplace(mapping)


# -- positivity bookkeeping -------------------------------------------------------------------

def _positive_var(sym, domain: Domain) -> bool:
    iv = domain.interval(sym.name)
    return iv.lo is not None and (iv.lo > 0 or (iv.lo == 0 and iv.lo_open))


def strip_positive(F, domain: Domain):
    """``F = P * G`` with P > 0 on the domain: return (G, [dropped factors])."""
    G = sympy.factor(F)
    keep, dropped = [], []
    for f in (G.args if G.is_Mul else (G,)):
        if f.is_number and f.is_positive:
            dropped.append(f)
        elif f.is_number and f.is_negative:
            keep.append(sympy.Integer(-1))
            dropped.append(-f)
        elif isinstance(f, sympy.exp):
            dropped.append(f)
        elif f.is_Pow and f.base.is_Symbol and _positive_var(f.base, domain):
            dropped.append(f)
        else:
            keep.append(f)
    if not dropped:
        return F, []
    return sympy.Mul(*keep), dropped


def _finite_near(expr, sym, lo, hi, variables, domain: Domain) -> bool:
    """Does arb evaluate ``expr`` (and its domain-obligation arguments) to finite balls on the
    cell ``sym in [lo, hi]`` with the other variables at their midpoints?  A heuristic choice of
    form only: clipping is justified later by the proved obligations."""
    args = []
    for v, iv in zip(variables, domain.intervals):
        args.append(ball(lo, hi) if v == sym else point((iv.lo + iv.hi) / 2))
    try:
        obs = obligations(expr)
        if not all(ArbFunction(ob.arg, variables)(*args).is_finite() for ob in obs):
            return False
        return ArbFunction(expr, variables, [ob.arg for ob in obs])(*args).is_finite()
    except (CertifyInputError, ZeroDivisionError):
        return False


def tame(expr, sym, end, side, variables, domain: Domain, powers=range(5)):
    """Find k >= 0 and an exact rewrite of w^k expr, w = sym - end (side 'lo') or end - sym
    (side 'hi'), that arb evaluates to a finite ball on the cell next to the end.  w > 0 inside
    the domain, so the factor does not change the sign of the slack.  The rewrites run with
    w a positive symbol (so sympy may simplify sqrt(1/w^2) = 1/w); then w is put back."""
    w = sympy.Dummy("w", positive=True)
    inside = end + w if side == "lo" else end - w
    back = sym - end if side == "lo" else end - sym
    iv = domain.intervals[list(variables).index(sym)]
    width = min(sympy.Rational(1, 256), (iv.hi - iv.lo) / 2)
    cell = (end, end + width) if side == "lo" else (end - width, end)
    for k in powers:
        base = expr.subs(sym, inside) * w ** k
        for rewrite in (lambda e: e, lambda e: bottom_up(e, sympy.together),
                        lambda e: bottom_up(e, sympy.cancel), sympy.expand, sympy.cancel):
            form = rewrite(base).subs(w, back)
            if _finite_near(form, sym, *cell, variables, domain):
                return k, form
    return None, None


# -- ends --------------------------------------------------------------------------------------

def _vanishes(expr, sym, value, variables, domain) -> bool:
    at = expr.subs(sym, value)
    args = []
    for v, iv in zip(variables, domain.intervals):
        args.append(point(value) if v == sym else point((iv.lo + iv.hi) / 2))
    try:
        probe = ArbFunction(expr, variables)(*args)
        if probe.is_finite() and not probe.contains(0):
            return False
    except (CertifyInputError, ZeroDivisionError):
        pass
    return sympy.simplify(at) == 0


def degenerate_ends(F, variables, domain: Domain):
    """EndRules for the ends where F vanishes identically; returns (rules, refuting end or None)."""
    rules = []
    for i, (v, iv) in enumerate(zip(variables, domain.intervals)):
        for side, value, is_open in (("lo", iv.lo, iv.lo_open), ("hi", iv.hi, iv.hi_open)):
            if not _vanishes(F, v, value, variables, domain):
                continue
            order, d = 1, sympy.diff(F, v)
            while order < MAX_ORDER and _vanishes(d, v, value, variables, domain):
                order, d = order + 1, sympy.diff(d, v)
            rules.append(EndRule(i, side, value, order))
    return rules


# -- the pipeline ------------------------------------------------------------------------------

def prove_inequality(lhs, op, rhs, domain: Domain, budget: Budget | None = None,
                     allow_tail: bool = True, progress=None) -> Result:
    start = time.monotonic()
    F, strict = normalize(rename_symbols(lhs, domain), op, rename_symbols(rhs, domain))
    result = _prove(F, strict, domain, budget or Budget(), allow_tail, progress)
    if result.status == "UNDECIDED" and not strict:
        result = _prove_without_nonnegative_factors(F, domain, budget, result)
    result.seconds = time.monotonic() - start
    if result.certificate is not None:
        attach_claim(result.certificate, lhs, op, rhs, domain)
    return result


def attach_claim(cert: dict, lhs, op, rhs, domain: Domain):
    """Record the claim a certificate proves, its hash and the library versions."""
    claim = {"lhs": to_text(sympy.sympify(lhs)), "op": op, "rhs": to_text(sympy.sympify(rhs)),
             "domain": str(domain)}
    cert["claim"] = claim
    cert["hash"] = hashlib.sha256(json.dumps(claim, sort_keys=True).encode()).hexdigest()
    cert["versions"] = {"python-flint": flint.__version__, "sympy": sympy.__version__}


def nonnegative_factor(f, domain: Domain) -> bool:
    """Is the factor f >= 0 on the domain by its form alone?"""
    if f.is_number:
        return bool(f.is_nonnegative)
    if isinstance(f, sympy.exp):
        return True
    if f.is_Pow and f.base.is_Symbol and f.exp.is_Rational and f.exp > 0:
        iv = domain.interval(f.base.name)
        return iv.lo is not None and iv.lo >= 0
    return False


def _prove_without_nonnegative_factors(F, domain, budget, undecided: Result) -> Result:
    """F >= 0 follows from G >= 0 when F = P G with P >= 0 by form (e.g. P = sqrt(z) on
    z >= 0, where the infinite derivative at 0 defeats the ladder).  Not an equivalence, so a
    refutation of G is only reported after it is re-checked on F itself."""
    factored = sympy.factor(F)
    parts = factored.args if factored.is_Mul else (factored,)
    dropped = [f for f in parts if nonnegative_factor(f, domain)]
    if not dropped:
        return undecided
    G = sympy.Mul(*[f for f in parts if f not in dropped])
    inner = prove_inequality(G, ">=", 0, domain, budget)
    if inner.status == "PROVED":
        inner.certificate = {"kind": "factored", "source": to_text(F), "vars": list(domain.names),
                             "domain": str(domain), "dropped": [to_text(d) for d in dropped],
                             "inner": inner.certificate}
        inner.margin_kind = "transformed"
        return inner
    if inner.status == "REFUTED":
        pt = [sympy.Rational(inner.witness[n]) for n in domain.names]
        value = ArbFunction(F, domain.symbols)(*[point(q) for q in pt])
        if value.is_finite() and value < 0:
            return Result("REFUTED", witness=inner.witness, witness_value=interval_text(value),
                          reason="arb proves the inequality false at the witness point", cells=inner.cells)
    return undecided


def _prove_obligations(F, domain, budget):
    certs, clip = [], set()
    for ob in obligations(F):
        for expr, op, rhs in ob.inequalities():
            if expr.is_number:
                value = ArbFunction(expr - rhs, ())()
                if (value > 0) if op == ">" else (value >= 0) if op == ">=" else (value <= 0):
                    continue
            r = prove_inequality(expr, op, rhs, domain, budget)
            if r.status != "PROVED":
                reason = f"could not prove the {ob.kind} argument condition {sympy.sstr(expr)} {op} {rhs} on the domain"
                return None, Result("UNDECIDED", reason=f"{reason} ({r.status}: {r.reason})")
            certs.append(r.certificate)
        clip.add(ob.arg)
    return certs, clip


def _prove(F, strict, domain: Domain, budget: Budget, allow_tail, progress) -> Result:
    variables = domain.symbols
    obligation_certs, clip = _prove_obligations(F, domain, budget)
    if obligation_certs is None:
        return clip  # the UNDECIDED result
    transform = {"strip": [], "substitutions": [], "power": {}}
    G = F
    if not all(iv.bounded for iv in domain.intervals):
        box_domain, subs = compactify(domain)
        tamed = None
        for stripped in (False, True):
            G, dropped = strip_positive(F, domain) if stripped else (F, [])
            powers, images = {}, []
            for sub in subs:
                u = sympy.Symbol(sub.name, real=True)
                k, G = tame(G.subs(u, sub.image), u, sympy.Integer(0), "lo", variables, box_domain)
                if k is None:
                    break
                powers[sub.name] = k
                images.append({"var": sub.name, "image": to_text(sub.image)})
            else:
                tamed = G, dropped, powers, images
                break
        if tamed is None:
            if allow_tail and len(variables) == 1:
                return _prove_tail(F, strict, domain, budget, obligation_certs, progress)
            return Result("UNDECIDED", reason="cannot compactify the unbounded range: expression not finite at infinity after u^k scaling")
        G, dropped, transform["power"], transform["substitutions"] = tamed
        transform["strip"] = [to_text(d) for d in dropped]
        domain = box_domain
        # the clip set refers to subexpressions of F; rebuild it for G's own obligations
        more, clip2 = _prove_obligations(G, domain, budget)
        if more is None:
            return clip2
        obligation_certs += more
        clip = clip2
    tamed_ends = []
    for i, (v, iv) in enumerate(zip(variables, domain.intervals)):
        for side, end, is_open in (("lo", iv.lo, iv.lo_open), ("hi", iv.hi, iv.hi_open)):
            width = min(sympy.Rational(1, 256), (iv.hi - iv.lo) / 2)
            cell = (end, end + width) if side == "lo" else (end - width, end)
            if not is_open or _finite_near(G, v, *cell, variables, domain):
                continue
            k, form = tame(G, v, end, side, variables, domain)
            if k is None:
                continue           # left to the search, which will report what it cannot decide
            G = form
            tamed_ends.append({"var": v.name, "side": side, "end": rational_str(end), "power": k})
    if tamed_ends:
        transform["ends"] = tamed_ends
        more, clip = _prove_obligations(G, domain, budget)
        if more is None:
            return clip
        obligation_certs += more
    rules = degenerate_ends(G, variables, domain)
    for rule in rules:
        iv = domain.intervals[rule.index]
        closed = not (iv.lo_open if rule.side == "lo" else iv.hi_open)
        if closed and strict:
            pt = [rule.value if j == rule.index else (w.lo + w.hi) / 2 for j, w in enumerate(domain.intervals)]
            return _refuted(domain, transform, pt, arb(0), "the slack vanishes at a closed end of a strict inequality")
    box = [(iv.lo, iv.hi) for iv in domain.intervals]
    ladder = Ladder(G, variables, clip)
    out = prove_positive(ladder, box, strict, rules, budget, progress)
    if out.status == "REFUTED":
        return _refuted(domain, transform, out.witness, out.witness_value, out.reason, out)
    margin_kind = "transformed" if transform["strip"] or any(transform["power"].values()) \
        or transform.get("ends") else "slack"
    res = Result(out.status, reason=out.reason, cells=out.cells, methods=dict(out.methods),
                 margin=_margin(out), margin_kind=margin_kind,
                 open_cells=[[[rational_str(a), rational_str(b)] for a, b in c] for c in out.open_cells if c])
    if out.status == "PROVED":
        res.certificate = {
            "kind": "forall",
            "problem": {"expr": to_text(G), "vars": list(domain.names),
                        "box": [[rational_str(a), rational_str(b)] for a, b in box],
                        "strict": strict, "source": to_text(F), "transform": transform,
                        "end_rules": [{"var": r.index, "side": r.side, "value": rational_str(r.value),
                                       "order": r.order} for r in rules],
                        "clip": [to_text(c) for c in sorted(clip, key=sympy.srepr)]},
            "obligations": obligation_certs,
            "tree": _serialize(out.tree),
            "stats": {"cells": out.cells, "methods": dict(sorted(out.methods.items())), "max_prec": out.max_prec},
            "margin": res.margin, "margin_kind": margin_kind,
        }
    return res


def _margin(out):
    lo = endpoints(out.min_lower) if out.min_lower is not None else None
    hi = endpoints(out.min_point) if out.min_point is not None else None
    if lo is None:
        return None
    from .balls import outward_decimal
    return [outward_decimal(lo[0], 10, up=False), outward_decimal(hi[1], 10, up=True) if hi else "oo"]


def _serialize(node):
    if "leaf" in node:
        return {"leaf": node["leaf"], "prec": node["prec"]}
    return {"split": node["split"], "at": rational_str(node["at"]),
            "children": [_serialize(c) for c in node["children"]]}


def _refuted(domain, transform, pt, value, reason, out=None) -> Result:
    witness = {}
    images = {s["var"]: from_text(s["image"], domain.names) for s in transform["substitutions"]}
    for name, q in zip(domain.names, pt):
        q = sympy.Rational(q)
        if name in images:
            q = images[name].subs(sympy.Symbol(name, real=True), q)
        witness[name] = rational_str(q)
    return Result("REFUTED", witness=witness, witness_value=interval_text(value) if value is not None else None,
                  reason=reason, cells=out.cells if out else 0, methods=dict(out.methods) if out else {})


def to_text(expr) -> str:
    """Certificate form of an expression: sympy's ``sstr``, read back by our own safe parser."""
    return sympy.sstr(sympy.sympify(expr))


def from_text(text: str, names) -> sympy.Expr:
    return parse_expr(text, names)


# -- tails -------------------------------------------------------------------------------------

def _prove_tail(F, strict, domain: Domain, budget, obligation_certs, progress) -> Result:
    """Univariate F on [a, oo) (or (-oo, b] by reflection): bounded part by bisection, tail
    [Z, oo) by monotonicity (a sign claim on F') and the exact limit at infinity."""
    (name,), (iv,) = domain.names, domain.intervals
    v = sympy.Symbol(name, real=True)
    if iv.lo is None:
        mirrored = Domain((name,), (Interval(-iv.hi, None, iv.hi_open, True),))
        res = _prove_tail(F.subs(v, -v), strict, mirrored, budget, obligation_certs, progress)
        if res.certificate:
            res.certificate["reflected"] = True
        if res.witness:
            res.witness = {name: rational_str(-to_rational(res.witness[name]))}
        return res
    limit = sympy.limit(F, v, sympy.oo)
    dF = sympy.diff(F, v)
    base = max(iv.lo, sympy.Integer(1))
    for step in TAIL_STARTS:
        Z = base + step
        tail = Domain((name,), (Interval(Z, None, False, True),))
        for direction, op in (("decreasing", "<"), ("increasing", ">")):
            sign = prove_inequality(dF, op, 0, tail, budget, allow_tail=False)
            if sign.status != "PROVED":
                continue
            if direction == "decreasing":
                if not limit.is_real or not limit.is_finite:
                    continue
                L = ArbFunction(limit, ())()
                if not (L >= 0):
                    continue
            body_domain = Domain((name,), (Interval(iv.lo, Z, iv.lo_open, False),))
            body = _prove(F, strict, body_domain, budget, False, progress)
            if body.status != "PROVED":
                return body
            attach_claim(body.certificate, F, ">" if strict else ">=", 0, body_domain)
            body.certificate = {"kind": "tail", "var": name, "Z": rational_str(Z), "direction": direction,
                                "limit": to_text(limit), "source": to_text(F), "strict": strict,
                                "derivative": sign.certificate, "body": body.certificate,
                                "obligations": obligation_certs, "margin": body.margin,
                                "stats": _sum_stats(body.certificate, sign.certificate)}
            body.cells += sign.cells
            return body
    return Result("UNDECIDED", reason="unbounded domain: no monotone tail found and the expression is not finite at infinity")


def _sum_stats(*certs):
    cells, methods = 0, {}
    for c in certs:
        st = c.get("stats", {})
        cells += st.get("cells", 0)
        for k, n in st.get("methods", {}).items():
            methods[k] = methods.get(k, 0) + n
    return {"cells": cells, "methods": dict(sorted(methods.items()))}


# -- extremum bounds ---------------------------------------------------------------------------

def bound_extremum(expr, domain: Domain, kind: str = "min", tol="1e-9", budget: Budget | None = None):
    """Certified enclosure [lo, hi] (exact rationals) of the min (or max) of expr over the domain.
    Bounded or compactifiable (k = 0) domains."""
    expr = rename_symbols(expr, domain)
    sign = 1 if kind == "min" else -1
    F = sign * expr
    certs, clip = _prove_obligations(F, domain, budget or Budget())
    if certs is None:
        raise CertifyInputError(clip.reason)
    variables = domain.symbols
    if not all(iv.bounded for iv in domain.intervals):
        domain, subs = compactify(domain)
        for sub in subs:
            u = sympy.Symbol(sub.name, real=True)
            k, F = tame(F.subs(u, sub.image), u, sympy.Integer(0), "lo", variables, domain, powers=(0,))
            if k is None:
                raise CertifyInputError("bound over an unbounded range needs an expression finite at infinity")
        certs, clip = _prove_obligations(F, domain, budget or Budget())
        if certs is None:
            raise CertifyInputError(clip.reason)
    lo, hi, cells = bound_min(Ladder(F, variables, clip), [(iv.lo, iv.hi) for iv in domain.intervals],
                              to_rational(tol), budget)
    if sign == -1:
        lo, hi = (None if hi is None else -hi), (None if lo is None else -lo)
    return lo, hi, cells
