"""Claim kinds: small declarative objects with an id, a statement in words and a paper reference.

- ``Inequality``   forall (vars in domain): lhs OP rhs          -> PROVED / REFUTED / UNDECIDED
- ``Identity``     lhs == rhs as expressions (sympy only proves; arb at points only refutes)
- ``RootCount``    sign changes of a polynomial in one variable at ordered points, uniformly in
                   its parameters, plus its degree: exactly one simple root between consecutive
                   points of opposite sign and no other real root
- ``Extremum``     a certified enclosure [lo, hi] of min or max of an expression over a domain
- ``Cited`` / ``Human``   recorded with source or reasoning, never reported as proved
- ``Lemma``        groups claims with the paper's statement and the human reasoning linking them

Expressions may be given as sympy expressions or as text (parsed safely, never ``eval``);
constants are exact.  A domain is text such as ``"b in [1, oo), z in [0, 1]"``; the placeholder
``{beta}`` in a domain stands for the lemma's beta range so that ranges can be changed by users.
"""
from __future__ import annotations

import copy
import functools
import time
from dataclasses import dataclass, field, replace

import sympy
from flint import fmpq

from .balls import arb_decimal
from .domain import Domain, parse_domain
from .errors import CertifyInputError
from .expr import nodes as N
from .expr.bridge import to_sympy
from .expr.text import to_text
from .bounds import bound_extremum
from .prover import (Result, as_tree, attach_claim, claim_record, prove_defined,
                     prove_inequality)
from .identities import identity_method, refute_identity
from .symcache import cached
from .search import Budget

PROVED, REFUTED, UNDECIDED, CITED, HUMAN = "PROVED", "REFUTED", "UNDECIDED", "CITED", "HUMAN"


def once(method):
    """A claim is immutable: ``method(self)`` runs once per claim object (the report, the
    bundle and the run's hash each ask for the record and the description); every caller gets
    its own copy."""
    name = f"_once_{method.__name__}"

    @functools.wraps(method)
    def wrapper(self):
        if name not in self.__dict__:
            object.__setattr__(self, name, method(self))
        return copy.deepcopy(self.__dict__[name])
    return wrapper


def _expr(e, names):
    """The sympy expression of a claim side (for exact symbolic work: limits, degrees)."""
    return to_sympy(as_tree(e, names))


@dataclass(frozen=True)
class Claim:
    id: str
    statement: str
    ref: str = ""

    kind = "claim"

    def with_beta(self, beta: str) -> "Claim":
        return self

    def record(self) -> dict | None:
        """The claim as written, field by field (what a certificate proves and the checker
        re-reads); None for claims that are not machine-checked."""
        return None

    def record_for(self, result) -> dict | None:
        """The record that goes beside ``result`` in a report (``record()``; a claim whose
        certificate already holds it may take it from there)."""
        return self.record()

    def describe(self) -> str:
        return self.statement


@dataclass(frozen=True)
class Inequality(Claim):
    lhs: object = None
    op: str = ">"
    rhs: object = 0
    over: str = ""
    budget: Budget = field(default_factory=Budget, compare=False)

    kind = "inequality"

    def domain(self) -> Domain:
        return parse_domain(self.over)

    def with_beta(self, beta: str) -> "Inequality":
        return replace(self, over=self.over.replace("{beta}", beta))

    def sides(self):
        """(lhs, rhs) as trees, exactly as written."""
        names = self.domain().names
        return as_tree(self.lhs, names), as_tree(self.rhs, names)

    @once
    def record(self) -> dict:
        lhs, rhs = self.sides()
        return claim_record(lhs, self.op, rhs, self.domain())

    @once
    def describe(self) -> str:
        r = self.record()
        return f"for all {r['domain']}: {r['lhs']} {r['op']} {r['rhs']}"

    def mutated(self, shift) -> "Inequality":
        """The same claim with its constant moved by ``shift`` in the harmful direction."""
        lhs, rhs = self.sides()
        q = N.num(fmpq(int(shift.p), int(shift.q)) if hasattr(shift, "p") else fmpq(shift))
        new_rhs = N.add(rhs, q) if self.op in (">", ">=") else N.sub(rhs, q)
        return replace(self, id=self.id + "~mutated", lhs=lhs, rhs=new_rhs)

    def run(self, progress=None) -> Result:
        lhs, rhs = self.sides()
        return prove_inequality(lhs, self.op, rhs, self.domain(), self.budget, progress=progress)


@dataclass(frozen=True)
class Identity(Claim):
    """lhs == rhs at every point of ``over``: PROVED when both sides are defined on the whole
    domain (decorated search) and exact sympy algebra (no ``force=True``; symbols declared
    positive or nonnegative only when the domain says so) reduces lhs - rhs to 0; REFUTED by
    arb at a point where the sides differ or exactly one side is defined."""
    lhs: object = None
    rhs: object = None
    over: str = ""

    kind = "identity"

    def with_beta(self, beta: str) -> "Identity":
        return replace(self, over=self.over.replace("{beta}", beta))

    def sides(self):
        names = parse_domain(self.over).names
        return as_tree(self.lhs, names), as_tree(self.rhs, names)

    @once
    def record(self) -> dict:
        lhs, rhs = self.sides()
        return {"lhs": to_text(lhs), "rhs": to_text(rhs), "domain": str(parse_domain(self.over))}

    @once
    def describe(self) -> str:
        r = self.record()
        return f"identity on {r['domain']}: {r['lhs']} == {r['rhs']}"

    def run(self, progress=None) -> Result:
        start = time.monotonic()
        d = parse_domain(self.over)
        if not d.is_box:                  # expression ends: on the straightened box
            from .straighten import prove_identity_straightened
            return prove_identity_straightened(self, d)
        lhs, rhs = self.sides()
        witness = refute_identity(lhs, rhs, d)
        if witness is not None:
            point_, value, reason = witness
            return Result(REFUTED, witness=point_, witness_value=value, reason=reason,
                          seconds=time.monotonic() - start)
        # both sides defined and continuous: one proof of lhs - rhs (subtraction is total, and
        # the obligations the two sides share are proved once) when both have a variable
        sides = [side for side in (lhs, rhs) if N.variables(side)]
        certs = []
        for side in ([N.sub(lhs, rhs)] if len(sides) == 2 else sides):
            r = prove_defined(side, d)
            if r.status != PROVED:
                return Result(UNDECIDED, reason=f"{to_text(side)}: {r.reason}", seconds=time.monotonic() - start)
            certs.append(r.certificate)
        method = identity_method(lhs, rhs, d)
        if method is None:
            return Result(UNDECIDED, reason="sympy could not reduce lhs - rhs to 0 and no refuting point was found",
                          seconds=time.monotonic() - start)
        cert = {"kind": "identity", "method": method, "defined": certs}
        attach_claim(cert, self.record())
        return Result(PROVED, certificate=cert, seconds=time.monotonic() - start)


@dataclass(frozen=True)
class RootCount(Claim):
    """For every parameter value in ``over``: ``expr`` (a polynomial of exact degree ``degree``
    in ``var``) has the signs ``signs`` ('+'/'-') at the ordered ``points`` (expressions in the
    parameters; '-oo'/'oo' mean the limit sign, decided by the leading coefficient).  When the
    signs change ``degree`` times, every real root is simple and there is exactly one between
    each pair of consecutive points of opposite sign: that is the conclusion recorded."""
    expr: object = None
    var: str = "z"
    points: tuple = ()
    signs: str = ""
    degree: int = 0
    over: str = ""

    kind = "rootcount"

    def with_beta(self, beta: str) -> "RootCount":
        return replace(self, over=self.over.replace("{beta}", beta))

    def record(self) -> dict:
        d = parse_domain(self.over)
        points = [p if p in ("-oo", "oo") else to_text(as_tree(p, d.names)) for p in self.points]
        return {"expr": to_text(as_tree(self.expr, d.names + (self.var,))), "var": self.var,
                "points": points, "signs": self.signs, "degree": self.degree, "domain": str(d)}

    def describe(self) -> str:
        r = self.record()
        return f"for all {r['domain']}: signs {' '.join(r['signs'])} of {r['expr']} at {', '.join(r['points'])}"

    def subclaims(self) -> list[Inequality]:
        d = parse_domain(self.over)
        d.require_box("a root count")
        z = sympy.Symbol(self.var, real=True)
        names = d.names + (self.var,)
        p = _expr(self.expr, names)
        p = p.xreplace({s: sympy.Symbol(s.name, real=True) for s in p.free_symbols if s.name in names})
        poly = sympy.Poly(sympy.expand(p), z)
        if poly.degree() != self.degree:
            raise CertifyInputError(f"{self.id}: polynomial has degree {poly.degree()}, not {self.degree}")
        lead = poly.LC()
        subs = [Inequality(f"{self.id}.lead", "leading coefficient nonzero", self.ref,
                           lead, ">" if self._lead_sign() == "+" else "<", 0, self.over)]
        pts = [p_ if p_ in ("-oo", "oo") else _expr(p_, d.names) for p_ in self.points]
        for i, (pt, s) in enumerate(zip(pts, self.signs)):
            if pt in ("-oo", "oo"):
                continue
            subs.append(Inequality(f"{self.id}.sign{i}", f"sign {s} at {pt}", self.ref,
                                   p.subs(z, pt), ">" if s == "+" else "<", 0, self.over))
        finite = [pt for pt in pts if pt not in ("-oo", "oo")]
        for i in range(len(finite) - 1):
            subs.append(Inequality(f"{self.id}.order{i}", f"{finite[i]} < {finite[i + 1]}", self.ref,
                                   finite[i], "<", finite[i + 1], self.over))
        return subs

    def _lead_sign(self) -> str:
        if self.points and self.points[-1] == "oo":
            return self.signs[-1]
        if self.points and self.points[0] == "-oo":
            s = self.signs[0]
            return s if self.degree % 2 == 0 else ("-" if s == "+" else "+")
        return "+"

    def run(self, progress=None) -> Result:
        start = time.monotonic()
        changes = sum(1 for a, b in zip(self.signs, self.signs[1:]) if a != b)
        if changes != self.degree:
            return Result(UNDECIDED, reason=f"{changes} sign changes for degree {self.degree}: roots not all located")
        subs = self.subclaims()
        if not any(p in ("-oo", "oo") for p in self.points):
            subs = subs[1:]
        results = [s.run() for s in subs]
        cells = sum(r.cells for r in results)
        for s, r in zip(subs, results):
            if r.status != PROVED:
                return Result(r.status, witness=r.witness, witness_value=r.witness_value, cells=cells,
                              reason=f"{s.statement}: {r.reason}", seconds=time.monotonic() - start)
        cert = {"kind": "rootcount", "parts": [{"id": s.id, "certificate": r.certificate} for s, r in zip(subs, results)]}
        attach_claim(cert, self.record())
        return Result(PROVED, cells=cells, certificate=cert, seconds=time.monotonic() - start,
                      reason=f"{self.degree} sign changes, degree {self.degree}: one simple root per sign change")


@dataclass(frozen=True)
class Extremum(Claim):
    """A certified enclosure of ``min`` or ``max`` of expr over ``over``; PROVED when the
    enclosure is at most ``tol`` wide, and (if given) lies inside the claimed ``within``."""
    expr: object = None
    over: str = ""
    extremum: str = "min"
    tol: str = "1e-9"

    kind = "extremum"

    def describe(self) -> str:
        return f"{self.extremum} of {self.expr} over {self.over}"

    def run(self, progress=None) -> Result:
        start = time.monotonic()
        d = parse_domain(self.over)
        lo, hi, cells = bound_extremum(as_tree(self.expr, d.names), d, self.extremum, self.tol)
        if lo is None or hi is None:
            return Result(UNDECIDED, reason="no finite enclosure", cells=cells)
        margin = [arb_decimal(lo, 12, up=False), arb_decimal(hi, 12, up=True)]
        tol = sympy.Rational(self.tol)
        ok = bool(hi - lo <= fmpq(int(tol.p), int(tol.q)))
        return Result(PROVED if ok else UNDECIDED, margin=margin if ok else None, margin_kind="enclosure",
                      cells=cells, certificate={"kind": "extremum", "lo": margin[0], "hi": margin[1]} if ok else None,
                      seconds=time.monotonic() - start)


@dataclass(frozen=True)
class Limit(Claim):
    """lim_{var -> oo} expr = value, decided by sympy's exact ``limit`` (an arb evaluation far
    out may only refute: it is not a proof of a limit)."""
    expr: object = None
    var: str = "x"
    value: object = 0

    kind = "limit"

    def record(self) -> dict:
        return {"expr": to_text(as_tree(self.expr, (self.var,))), "var": self.var,
                "value": to_text(as_tree(self.value, ()))}

    def describe(self) -> str:
        r = self.record()
        return f"lim_{{{r['var']} -> oo}} {r['expr']} = {r['value']}"

    def run(self, progress=None) -> Result:
        start = time.monotonic()
        v = sympy.Symbol(self.var, real=True)
        e = _expr(self.expr, (self.var,))
        e = e.xreplace({s: v for s in e.free_symbols if s.name == self.var})
        target = _expr(self.value, ())

        def verdict():
            found = sympy.limit(e, v, sympy.oo)
            return [bool(sympy.simplify(found - target) == 0), str(found)]
        ok, found = cached("limit", (e, target), verdict)
        cert = attach_claim({"kind": "limit"}, self.record()) if ok else None
        return Result(PROVED if ok else UNDECIDED, certificate=cert, seconds=time.monotonic() - start,
                      reason="" if ok else f"sympy finds the limit {found}")


@dataclass(frozen=True)
class Cited(Claim):
    source: str = ""
    kind = "cited"

    def run(self, progress=None) -> Result:
        return Result(CITED, reason=f"cited: {self.source}")


@dataclass(frozen=True)
class Human(Claim):
    """A step nobody machine-checked: ``reasoning`` says how it follows, ``why`` why it is not
    a claim or a derivation (its category first: logic, theorem, algebra, text, numeric, open)."""
    reasoning: str = ""
    why: str = ""
    kind = "human"

    def run(self, progress=None) -> Result:
        return Result(HUMAN, reason=self.reasoning)


@dataclass(frozen=True)
class Table:
    """A table of results a lemma module computed (the report prints it after the lemma's
    claims): ``header`` and ``rows`` are cell texts; ``backing[i]`` lists the claim ids whose
    PROVED status certifies row i (the report adds a column saying whether they all are)."""
    title: str
    header: tuple
    rows: tuple
    backing: tuple = ()
    note: str = ""


@dataclass(frozen=True)
class Lemma:
    id: str
    title: str
    statement: str
    claims: tuple
    reasoning: str = ""
    beta: str = ""                 # the lemma's beta range, substituted for {beta}
    errata: tuple = ()             # (claim id or '', text) pairs
    tables: tuple = ()             # Table objects, printed after the claims

    def with_beta(self, beta: str) -> "Lemma":
        return replace(self, beta=beta)

    def resolved_claims(self):
        return [c.with_beta(self.beta) if self.beta else c for c in self.claims]
