"""Replay of the other certificate kinds: ``tail``, ``identity``, ``limit``, ``rootcount``.

- ``tail``: a claim on [a, oo) (or (-oo, b], reflected to [-b, oo)) split at Z: the body
  [a, Z] is a searched problem; on [Z, oo) F is defined and continuous (a ``defined``
  certificate) and D > 0 or D < 0 (a ``forall`` certificate) for a D that sympy proves equal to
  dF/dx.  Increasing: F >= F(Z), covered by the body.  Decreasing: F > L = lim F (sympy), and
  L >= 0 is checked in arb.
- ``identity``: both sides defined and continuous on the whole domain (a ``defined``
  certificate of lhs - rhs when both have a variable: subtraction is total, so that proves
  both; else of the side with a variable), a constant side defined, and sympy reduces
  lhs - rhs to 0 (variables declared positive or nonnegative only where the domain says so;
  never ``force=True``).
- ``split``: a claim proved on two halves of its domain cut at an interior rational point c of
  one variable (closed at c on both sides): each half's certificate (``forall``, ``tail`` or
  ``split``) is of the claim with that half as its domain; the margin is the smaller of the halves'.
- ``limit``: sympy's limit of the expression at +oo is the recorded value.
- ``rootcount``: the polynomial's degree and the sign pattern are re-derived from the claim,
  each sign, order and leading-coefficient sub-claim is proved by a ``forall`` certificate whose
  claim sympy shows is that very sub-claim; degree-many sign changes then locate every root.
"""
from __future__ import annotations

import sympy
from flint import arb

from . import arith as A
from . import terms as T
from .evaluate import value
from .inverse import check_inverse
from .forall import (check_defined, check_forall, check_margin, check_problem, claim_hash,
                     read_claim, sympy_symbols, sympy_zero)
from .reader import Domain, Range, read_domain, read_expr, read_rational
from .terms import CheckError


def _one_sided(domain: Domain):
    if len(domain.names) != 1:
        raise CheckError("tail: a claim of more than one variable")
    r = domain.ranges[0]
    if (r.lo is None) == (r.hi is None):
        raise CheckError("tail: the domain has not exactly one infinite end")
    return domain.names[0], r


def check_tail(cert) -> int:
    claim = cert.get("claim")
    if cert.get("hash") != claim_hash(claim):
        raise CheckError("the claim does not match its hash")
    F, strict, domain = read_claim(claim)
    name, r = _one_sided(domain)
    x = T.var(name)
    if r.lo is None:                         # (-oo, b] -> [-b, oo)
        F = T.substitute(F, {name: T.neg(x)})
        r = Range(-r.hi, None, r.hi_open, True)
    Z = read_rational(cert.get("Z"))
    if not Z > r.lo:
        raise CheckError("tail: Z is not above the finite end")
    tail = Domain((name,), (Range(Z, None, False, True),))
    leaves = check_defined(cert.get("defined"), F, tail)
    deriv = cert.get("derivative")
    if not isinstance(deriv, dict) or deriv.get("kind") != "forall":
        raise CheckError("tail: the derivative's sign is not proved")
    dclaim = deriv.get("claim") or {}
    D, _, ddomain = read_claim(dclaim)
    if ddomain != tail or dclaim.get("rhs") != "0" or dclaim.get("op") not in ("<", ">"):
        raise CheckError("tail: the derivative claim is not 'D < 0' or 'D > 0' on [Z, oo)")
    syms = sympy_symbols((name,), tail)
    dF = sympy.diff(T.to_sympy(F, syms), syms[name])
    lhs = read_expr(dclaim["lhs"], (name,))
    if not sympy_zero(T.to_sympy(lhs, syms) - dF):
        raise CheckError("tail: the derivative claim is not about dF/dx")
    leaves += check_forall(deriv)[0]
    body_domain = Domain((name,), (Range(r.lo, Z, r.lo_open, False),))
    body = cert.get("body") or {}
    n, lows, problem = check_problem(body.get("problem"), body.get("tree"), F, strict, body_domain)
    leaves += n
    decreasing = dclaim["op"] == "<"
    if cert.get("direction") != ("decreasing" if decreasing else "increasing"):
        raise CheckError("tail: the recorded direction is not the derivative's sign")
    limit = _limit(F, name, syms) if decreasing else None
    if decreasing and not A.nonnegative(limit):
        raise CheckError("tail: F decreases to a limit that is not certainly >= 0")
    if "margin" in body:
        check_margin(body, problem, lows)
    if "margin" in cert:
        _tail_margin(cert, body, problem, lows, limit)
    return leaves


def _limit(F, name, syms):
    L = sympy.limit(T.to_sympy(F, syms), syms[name], sympy.oo)
    return constant_value(L)


def constant_value(expr) -> A.Iv:
    """A sympy constant as an arb enclosure (read back through the checker's own reader)."""
    if not expr.is_real or not expr.is_finite:
        raise CheckError(f"not a finite real constant: {expr}")
    v, dec = value(read_expr(sympy.sstr(expr), ()), {})
    if dec < A.DEF:
        raise CheckError(f"an undefined constant: {expr}")
    return v


def _tail_margin(cert, body, problem, lows, limit):
    """[lo, hi] of inf F on the whole half-line: lo below the body's leaves and the limit; hi
    above F at the body's point, or above the limit of a decreasing tail."""
    margin = cert.get("margin")
    extra = [] if limit is None else [limit.lo]
    point_cert = {"margin": margin, "margin_point": body.get("margin_point")}
    try:
        check_margin(point_cert, problem, lows, extra)
    except CheckError:
        if limit is None or margin[1] == "oo" or limit.hi is None:
            raise
        if not limit.hi <= arb(read_rational(margin[1])):
            raise CheckError("tail: the margin's upper end is below the limit") from None
        check_margin({"margin": [margin[0], "oo"]}, problem, lows, extra)


def pythagoras(e):
    """e with each sin(u)**2 written 1 - cos(u)**2 (after expand_trig), in lowest terms."""
    e = sympy.expand(sympy.expand_trig(e))
    for s in sorted(e.atoms(sympy.sin), key=sympy.default_sort_key):
        S = sympy.Dummy("S")
        p = sympy.Poly(e.xreplace({s: S}), S)
        c2 = 1 - sympy.cos(s.args[0]) ** 2
        e = sympy.expand(sum(coef * S ** (k % 2) * c2 ** (k // 2) for (k,), coef in p.terms()).xreplace({S: s}))
    return sympy.cancel(sympy.together(e))


IDENTITY_RECIPES = {
    "pythagoras": pythagoras,
    "cancel": lambda e: sympy.cancel(sympy.together(e)),
    "expand": sympy.expand,
    "simplify": sympy.simplify,
    "expand_trig": lambda e: sympy.simplify(sympy.expand_trig(e)),
    "radsimp": lambda e: sympy.simplify(sympy.radsimp(e)),
    "radicands": lambda e: sympy.simplify(sympy.bottom_up(e, _factored_radicand)),
}


def _factored_radicand(n):
    if n.is_Pow and n.exp.is_Rational and not n.exp.is_Integer:
        return sympy.Pow(sympy.factor(sympy.cancel(n.base)), n.exp)
    return n


def check_identity(cert) -> int:
    claim = cert.get("claim")
    if cert.get("hash") != claim_hash(claim) or not isinstance(claim, dict):
        raise CheckError("the claim does not match its hash")
    domain = read_domain(claim.get("domain"))
    sides = [read_expr(claim.get(k), domain.names) for k in ("lhs", "rhs")]
    with_vars = [s for s in sides if T.variables(s)]
    if len(with_vars) == 2:                   # one proof for lhs - rhs: subtraction is total
        with_vars = [T.binary("sub", *sides)]
    proofs = cert.get("defined")
    if not isinstance(proofs, list) or len(proofs) != len(with_vars):
        raise CheckError("identity: a side has no definedness proof")
    leaves = sum(check_defined(c, s, domain) for c, s in zip(proofs, with_vars))
    for s in sides:
        if not T.variables(s) and value(s, {})[1] < A.DEF:
            raise CheckError("identity: a constant side is undefined")
    recipe = IDENTITY_RECIPES.get(cert.get("method"))
    if recipe is None:
        raise CheckError(f"identity: unknown method {cert.get('method')!r}")
    syms = sympy_symbols(domain.names, domain)
    # the recorded recipe first (the prover found it works); pythagoras as the fallback for a
    # sympy form of the checker's own that the recipe alone does not reduce
    chain = (sympy.expand,) if cert.get("method") == "expand" else (recipe, pythagoras)
    if not sympy_zero(T.to_sympy(sides[0], syms) - T.to_sympy(sides[1], syms), chain):
        raise CheckError("identity: sympy does not reduce lhs - rhs to 0")
    return leaves


def check_limit(cert) -> int:
    claim = cert.get("claim")
    if cert.get("hash") != claim_hash(claim) or not isinstance(claim, dict):
        raise CheckError("the claim does not match its hash")
    name = claim.get("var")
    if not isinstance(name, str) or not name.isidentifier():
        raise CheckError("limit: a malformed variable")
    x = sympy.Symbol(name, real=True)
    expr = T.to_sympy(read_expr(claim.get("expr"), (name,)), {name: x})
    want = T.to_sympy(read_expr(claim.get("value"), ()), {})
    if not sympy_zero(sympy.limit(expr, x, sympy.oo) - want):
        raise CheckError("limit: sympy finds a different value")
    return 0


def rootcount_subclaims(claim):
    """The sub-claims (lhs_sympy, op, rhs_sympy) a root count needs, re-derived: the leading
    coefficient's sign (when a point is infinite), the sign at each finite point, the order of
    consecutive finite points."""
    domain = read_domain(claim.get("domain"))
    var, degree, signs, points = claim.get("var"), claim.get("degree"), claim.get("signs"), claim.get("points")
    if not isinstance(points, list) or not isinstance(signs, str) or len(signs) != len(points) \
            or set(signs) - {"+", "-"} or not isinstance(degree, int) or var in domain.names:
        raise CheckError("rootcount: a malformed claim")
    if sum(a != b for a, b in zip(signs, signs[1:])) != degree:
        raise CheckError("rootcount: the sign changes do not number the degree")
    syms = sympy_symbols(domain.names, domain)
    z = sympy.Symbol(var, real=True)
    p = T.to_sympy(read_expr(claim.get("expr"), domain.names + (var,)), {**syms, var: z})
    poly = sympy.Poly(sympy.expand(p), z)
    if poly.degree() != degree:
        raise CheckError("rootcount: the polynomial does not have the stated degree")
    subs, finite = [], []
    if points and ("oo" in (points[0], points[-1]) or "-oo" == points[0]):
        lead = "+"
        if points[-1] == "oo":
            lead = signs[-1]
        elif points[0] == "-oo":
            lead = signs[0] if degree % 2 == 0 else {"+": "-", "-": "+"}[signs[0]]
        subs.append((poly.LC(), ">" if lead == "+" else "<", sympy.Integer(0)))
    for pt, s in zip(points, signs):
        if pt in ("-oo", "oo"):
            continue
        at = T.to_sympy(read_expr(pt, domain.names), syms)
        finite.append(at)
        subs.append((p.subs(z, at), ">" if s == "+" else "<", sympy.Integer(0)))
    subs += [(a, "<", b) for a, b in zip(finite, finite[1:])]
    return subs, domain, syms


def check_rootcount(cert) -> int:
    claim = cert.get("claim")
    if cert.get("hash") != claim_hash(claim) or not isinstance(claim, dict):
        raise CheckError("the claim does not match its hash")
    subs, domain, syms = rootcount_subclaims(claim)
    parts = cert.get("parts")
    if not isinstance(parts, list) or len(parts) != len(subs):
        raise CheckError("rootcount: the parts are not the sub-claims")
    leaves = 0
    for (lhs, op, rhs), part in zip(subs, parts):
        pc = part.get("certificate") if isinstance(part, dict) else None
        if not isinstance(pc, dict) or pc.get("kind") not in ("forall", "tail"):
            raise CheckError("rootcount: a sub-claim without its proof")
        n = check_tail(pc) if pc["kind"] == "tail" else check_forall(pc)[0]
        F, _, d = read_claim(pc["claim"])
        want = (lhs - rhs) if op == ">" else (rhs - lhs)
        if d != domain or pc["claim"]["op"] != op or not sympy_zero(T.to_sympy(F, syms) - want):
            raise CheckError("rootcount: a part proves another claim")
        leaves += n
    return leaves


def check_split(cert) -> int:
    claim = cert.get("claim")
    if cert.get("hash") != claim_hash(claim):
        raise CheckError("the claim does not match its hash")
    _, _, domain = read_claim(claim)
    name, parts = cert.get("var"), cert.get("parts")
    if name not in domain.names or not isinstance(parts, list) or len(parts) != 2:
        raise CheckError("split: malformed")
    c = read_rational(cert.get("at"))
    i = domain.names.index(name)
    r = domain.ranges[i]
    if not r.contains(c) or c in (r.lo, r.hi):
        raise CheckError("split: the cut is not inside the variable's range")
    halves = (Range(r.lo, c, r.lo_open, False), Range(c, r.hi, False, r.hi_open))
    leaves, lows, highs = 0, [], []
    for part, half in zip(parts, halves):
        if not isinstance(part, dict) or part.get("kind") not in HALVES:
            raise CheckError("split: a half without a forall, tail, split or inverse certificate")
        pc = part.get("claim")
        if not isinstance(pc, dict) or {k: pc.get(k) for k in ("lhs", "op", "rhs")} != \
                {k: claim.get(k) for k in ("lhs", "op", "rhs")}:
            raise CheckError("split: a half proves another statement")
        _, _, d = read_claim(pc)
        want = Domain(domain.names, tuple(half if j == i else rr for j, rr in enumerate(domain.ranges)))
        if d != want:
            raise CheckError("split: a half is not the domain cut at the point")
        leaves += HALVES[part["kind"]](part)
        m = part.get("margin")
        if not isinstance(m, list) or len(m) != 2:
            raise CheckError("split: a half without its margin")
        lows.append(m[0])
        highs.append(m[1])
    if cert.get("margin") != _smaller_margin(lows, highs):
        raise CheckError("split: the margin is not the smaller of the halves'")
    return leaves


def _inequality(cert) -> int:
    """Replay a certificate of an inequality on a box (a part of a split or of an inverse)."""
    kind = cert.get("kind") if isinstance(cert, dict) else None
    if kind not in HALVES:
        raise CheckError("a part without a forall, tail, split or inverse certificate")
    return HALVES[kind](cert)


# a half is itself searched, a tail, split again (a half-line of (-oo, oo) at a tangent zero), or
# decided through an inverse function (``checker.inverse``; a tail of acos(u) < 1/sqrt(x))
HALVES = {"forall": lambda c: check_forall(c)[0], "tail": check_tail, "split": check_split,
          "inverse": lambda c: check_inverse(c, _inequality)}


def _smaller_margin(lows, highs):
    lo = min(lows, key=read_rational)
    finite = [h for h in highs if h != "oo"]
    return [lo, min(finite, key=read_rational) if finite else "oo"]
