"""Replay of the certificates of "for all x in D: lhs op rhs" (kinds ``forall``, ``defined``).

From the claim text the checker derives the slack F (``rhs - lhs`` for < and <=, ``lhs - rhs``
for > and >=, strict for < and >), then the searched problem: each half-infinite variable is
replaced by v = a - 1 + 1/u^m (or b + 1 - 1/u^m; m from the certificate, default 1), u in (0, 1], open at 0 and at 1 when the claim's
end is open.  Everything else in the certificate is a claim the checker verifies: the searched
form G = F * prod(multipliers) / prod(dropped factors) (sympy), the obligations (each a claim of
its own on the searched domain, replayed, whose range becomes a fact of its term), the end rules
and every leaf of the tree (``leaves``), and the certified margin.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache

import sympy
from flint import arb, fmpq

from . import arith as A
from . import terms as T
from .leaves import EndRule, Problem, leaf_lower, replay, with_prec
from .reader import Domain, Range, read_domain, read_expr, read_rational
from .terms import CheckError

OPS = ("<", "<=", ">", ">=")
CONDITION_KINDS = ("positive", "nonnegative", "multiplier")


def claim_hash(claim) -> str:
    return hashlib.sha256(json.dumps(claim, sort_keys=True).encode()).hexdigest()


def read_claim(claim, expressions: bool = False):
    """(F, strict, domain) of a claim record {lhs, op, rhs, domain} (a box unless ``expressions``)."""
    if not isinstance(claim, dict) or set(claim) != {"lhs", "op", "rhs", "domain"}:
        raise CheckError("a malformed claim record")
    if claim["op"] not in OPS:
        raise CheckError(f"unknown relation {claim['op']!r}")
    domain = read_domain(claim["domain"], expressions)
    lhs, rhs = (read_expr(claim[k], domain.names) for k in ("lhs", "rhs"))
    F = T.binary("sub", lhs, rhs) if claim["op"] in (">", ">=") else T.binary("sub", rhs, lhs)
    return F, claim["op"] in ("<", ">"), domain


MAX_POWER = 6


def compactify(F, domain: Domain, powers=None):
    """F on the bounded searched domain (see the module docstring); ``powers`` (from the
    certificate, default 1) is the m of v = a - 1 + 1/u^m: any m >= 1 maps (0, 1] onto
    [a, oo), so the checker only needs it to rebuild the searched expression."""
    images, ranges = {}, []
    powers = {} if powers is None else powers
    if not isinstance(powers, dict) or not set(powers) <= set(domain.names):
        raise CheckError("malformed compactifying powers")
    for name, r in zip(domain.names, domain.ranges):
        if r.lo is not None and r.hi is not None:
            ranges.append(r)
            continue
        if r.lo is None and r.hi is None:
            raise CheckError(f"{name} unbounded on both sides")
        m = powers.get(name, 1)
        if type(m) is not int or not 1 <= m <= MAX_POWER:
            raise CheckError(f"a compactifying power of {name} that is not an integer in [1, {MAX_POWER}]")
        u = T.var(name)
        inv = T.binary("div", T.num(1), u if m == 1 else T.pown(u, m))
        if r.hi is None:
            images[name] = T.binary("add", T.num(r.lo - 1), inv)
            ranges.append(Range(fmpq(0), fmpq(1), True, r.lo_open))
        else:
            images[name] = T.binary("sub", T.num(r.hi + 1), inv)
            ranges.append(Range(fmpq(0), fmpq(1), True, r.hi_open))
    return T.substitute(F, images), Domain(domain.names, tuple(ranges))


def sympy_symbols(names, domain: Domain) -> dict:
    """Each variable as a real sympy Symbol, positive (nonnegative) when its range is."""
    out = {}
    for name, r in zip(names, domain.ranges):
        if r.lo is not None and (r.lo > 0 or (r.lo == 0 and r.lo_open)):
            out[name] = sympy.Symbol(name, positive=True)
        elif r.lo is not None and r.lo >= 0:
            out[name] = sympy.Symbol(name, nonnegative=True)
        else:
            out[name] = sympy.Symbol(name, real=True)
    return out


RECIPES = (lambda e: e, sympy.expand, lambda e: sympy.cancel(sympy.together(e)), sympy.factor,
           sympy.simplify)


@lru_cache(maxsize=1024)
def sympy_zero(diff, recipes=RECIPES) -> bool:
    """Does one of the exact sympy recipes reduce ``diff`` to 0?  (Memoized within the
    process: the same identity recurs on several beta ranges.)"""
    for recipe in recipes:
        try:
            if recipe(diff) == 0:
                return True
        except Exception:        # a sympy failure proves nothing
            continue
    return False


def _form(record, F, strict, domain: Domain):
    """(G, conditions) of the recorded form, after verifying its algebra."""
    if not isinstance(record, dict):
        raise CheckError("a malformed form")
    G = read_expr(record.get("expr"), domain.names)
    recorded = record.get("conditions", [])
    if G is F:
        return G, []
    if not isinstance(recorded, list) or not recorded or not isinstance(recorded[0], dict) \
            or recorded[0].get("kind") != "defined" or read_expr(recorded[0].get("expr"), domain.names) is not F:
        raise CheckError("a rewritten form without the definedness of the slack as written")
    conditions = [(F, "defined")]
    syms = sympy_symbols(domain.names, domain)
    ratio = sympy.Integer(1)
    for c in recorded[1:]:
        kind = c.get("kind") if isinstance(c, dict) else None
        if kind not in CONDITION_KINDS:
            raise CheckError(f"unknown condition kind {kind!r}")
        if kind == "nonnegative" and strict:
            raise CheckError("a nonnegative factor dropped from a strict inequality")
        t = read_expr(c.get("expr"), domain.names)
        conditions.append((t, kind))
        s = T.to_sympy(t, syms)
        ratio = ratio * s if kind == "multiplier" else ratio / s
    if not sympy_zero(T.to_sympy(F, syms) * ratio - T.to_sympy(G, syms)):
        raise CheckError("the searched form is not the slack times its recorded factors")
    return G, conditions


def _half_line(op, c: fmpq):
    b = arb(c)
    exact = b.is_exact()
    if op in (">", ">="):
        return A.Iv(b if exact else b.lower(), None, op == ">" and exact, True)
    return A.Iv(None, b if exact else b.upper(), True, op == "<" and exact)


def facts_of(records, domain: Domain):
    """The facts of a problem: each obligation's certificate must prove 'expr op bound' on the
    searched domain itself; returns (facts, leaves replayed)."""
    if not isinstance(records, list):
        raise CheckError("malformed obligations")
    facts, leaves = {}, 0
    for rec in records:
        cert = rec.get("certificate") if isinstance(rec, dict) else None
        if not isinstance(cert, dict) or cert.get("kind") != "forall":
            raise CheckError("an obligation without its certificate")
        claim = cert.get("claim") or {}
        if read_domain(claim.get("domain")) != domain:
            raise CheckError("an obligation proved on another domain")
        if (rec.get("expr"), rec.get("op"), rec.get("rhs")) != (claim.get("lhs"), claim.get("op"), claim.get("rhs")):
            raise CheckError("an obligation record that is not its certificate's claim")
        term = read_expr(claim.get("lhs"), domain.names)
        bound = read_expr(claim.get("rhs"), ())
        if bound.op != "num" or claim.get("op") not in OPS:
            raise CheckError("an obligation that is not 'term op rational'")
        leaves += check_forall(cert)[0]
        with_prec_fact = _half_line(claim["op"], bound.data)
        facts[term] = A.meet(facts[term], with_prec_fact) if term in facts else with_prec_fact
    return facts, leaves


def _end_rules(records, domain: Domain, G, strict):
    rules = []
    syms = sympy_symbols(domain.names, domain)
    if not isinstance(records, list):
        raise CheckError("malformed end rules")
    for r in records:
        try:
            rule = EndRule(int(r["var"]), r["side"], read_rational(r["value"]), int(r["order"]))
        except (TypeError, KeyError, ValueError):
            raise CheckError("a malformed end rule") from None
        if not 0 <= rule.index < len(domain.names) or rule.side not in ("lo", "hi") or not 1 <= rule.order <= 12:
            raise CheckError("a malformed end rule")
        rng = domain.ranges[rule.index]
        end, is_open = (rng.lo, rng.lo_open) if rule.side == "lo" else (rng.hi, rng.hi_open)
        if rule.value != end:
            raise CheckError("an end rule away from the end of its variable")
        if strict and not is_open:
            raise CheckError("an end rule of a strict claim at a closed end (the slack is 0 there)")
        name = domain.names[rule.index]
        problem = Problem(domain.names, G, domain, strict)
        d = G
        for _ in range(rule.order):
            at_end = T.substitute(d, {name: T.num(rule.value)})
            if not sympy_zero(T.to_sympy(at_end, syms)):
                raise CheckError("end rule: a lower derivative does not vanish at the end")
            d = problem.derivative(d, rule.index)
        rules.append(rule)
    return rules


def cell_of(domain: Domain):
    return tuple((r.lo, r.hi) for r in domain.ranges)


def check_problem(record, tree, F, strict, domain: Domain, form=None):
    """Replay a searched problem of F on the bounded ``domain`` (with the recorded form, or
    ``form`` = (G, conditions) when the checker builds it); (leaf count, Leafs, Problem)."""
    if not isinstance(record, dict):
        raise CheckError("a malformed problem")
    facts, leaves = facts_of(record.get("obligations", []), domain)
    G, conditions = form or _form(record.get("form"), F, strict, domain)
    rules = _end_rules(record.get("end_rules", []), domain, G, strict) if form is None else []
    problem = Problem(domain.names, G, domain, strict, conditions, facts, rules, slack=F)
    lows: list = []
    leaves += replay(problem, tree, cell_of(domain), lows)
    return leaves, lows, problem


def check_forall(cert):
    """Replay a 'forall' certificate; (leaves, the claim's (F, strict, domain))."""
    claim = cert.get("claim")
    if cert.get("hash") != claim_hash(claim):
        raise CheckError("the claim does not match its hash")
    F, strict, domain = read_claim(claim)
    Fs, searched = compactify(F, domain, cert.get("powers"))
    leaves, lows, problem = check_problem(cert.get("problem"), cert.get("tree"), Fs, strict, searched)
    if "margin" in cert:
        check_margin(cert, problem, lows)
    return leaves, (F, strict, domain)


def check_margin(cert, problem, leaves, extra_lows=()):
    """The certified margin [lo, hi] encloses inf F: lo is at most every leaf's lower bound of
    the slack (re-derived at a higher precision where the leaf's own is not enough; lo <= 0
    needs nothing, the claim being proved) and F at the recorded point of the domain is at
    most hi."""
    margin = cert.get("margin")
    if not isinstance(margin, list) or len(margin) != 2:
        raise CheckError("a malformed margin")
    lo = read_rational(margin[0])
    if lo > 0:
        for leaf in leaves:
            if not _at_least(leaf, lo, problem):
                raise CheckError("the certified margin's lower end is above what the leaves prove")
        if not all(v is not None and arb(lo) <= v for v in extra_lows):
            raise CheckError("the certified margin's lower end is above the tail's limit")
    if margin[1] == "oo":
        return
    hi = read_rational(margin[1])
    if hi < lo:
        raise CheckError("a margin with lower end above its upper end")
    pt = cert.get("margin_point")
    domain = problem.domain
    if not isinstance(pt, list) or len(pt) != len(domain.names):
        raise CheckError("a finite margin upper end without its point")
    q = [read_rational(t) for t in pt]
    if not domain.contains(q):
        raise CheckError("the margin point is outside the domain")
    for prec in (53, 106, 212, 424):
        v = with_prec(prec, problem.at_point, problem.slack, q)
        if v is not None and v.hi is not None and v.hi <= arb(hi):
            return
    raise CheckError("the slack at the margin point is above the certified upper end")


def _at_least(leaf, lo, problem) -> bool:
    for prec in (leaf.prec, 4 * leaf.prec, 1024):
        low = leaf.low if prec == leaf.prec else leaf_lower(problem, leaf.method, leaf.cell, prec)
        if low is not None and arb(lo) <= low:
            return True
    return False


def check_defined(cert, F, domain: Domain) -> int:
    """Replay a 'defined' certificate: F as written is defined and continuous on the domain."""
    if not isinstance(cert, dict) or cert.get("kind") != "defined":
        raise CheckError("a definedness proof is missing")
    Fs, searched = compactify(F, domain)
    form = (T.num(1), [(Fs, "defined")])
    return check_problem(cert.get("problem"), cert.get("tree"), Fs, True, searched, form)[0]
