"""Derived claims and assumed facts: the glue between a lemma's checked pieces.

- ``Assumed``  a formal statement ``for all (over): lhs OP rhs`` taken as given: HUMAN (with the
               reasoning that supports it) or CITED (with its source).  It may mention
               quantities.  It is what a derivation may rest on when a step is not numeric.
- ``Derived``  the same shape, PROVED when one rule (``combine``, ``substitute``, ``cover``,
               ``monotone``, ``root`` or ``apply``) derives it from premises (other claims of
               the run, by id) and every premise is PROVED or CITED; HUMAN when the derivation
               replays but rests on a HUMAN premise;
               UNDECIDED when it does not replay or a premise is refuted, undecided or missing.

A *quantity* is a real function of the domain's variables that nothing evaluates (the root a
of Lemma B.1 as a function of beta): declared as ``(name, meaning)``; its name is a sympy Symbol
or a word in the claim's texts.  The rules are re-verified by the independent checker
(``certify.checker.derived``), which the prover calls as well: one implementation of each rule,
on the records a reader sees.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .checker.deriv import diff as checker_diff
from .checker.derived import check_derivation, premise_ids
from .checker.reader import read_expr
from .checker.terms import CheckError
from .claims import CITED, HUMAN, PROVED, UNDECIDED, Claim, once
from .domain import parse_domain
from .expr import nodes as N
from .expr.text import to_text
from .prover import Result, as_tree, attach_claim


def written(e, *names: str, at: dict | None = None) -> str:
    """The text of ``e`` (sympy, tree or text in the variables ``names``) as the engine reads
    it, with the variables of ``at`` ({name: text}) replaced as written (no simplification):
    the way to name in a derived claim exactly the subterms its premises contain."""
    tree = as_tree(e, names)
    if at:
        tree = N.substitute(tree, {v: as_tree(u, names) for v, u in at.items()})
    return to_text(tree)


@dataclass(frozen=True)
class _Shaped(Claim):
    """``for all (over): lhs OP rhs``, with quantities (name, meaning) pairs."""
    lhs: object = None
    op: str = ">"
    rhs: object = 0
    over: str = ""
    quantities: tuple = ()

    def with_beta(self, beta: str):
        return replace(self, over=self.over.replace("{beta}", beta))

    def names(self) -> tuple:
        return parse_domain(self.over).names + tuple(q for q, _ in self.quantities)

    def text(self, e) -> str:
        return written(e, *self.names())

    @once
    def record(self) -> dict:
        return {"lhs": self.text(self.lhs), "op": self.op, "rhs": self.text(self.rhs),
                "domain": str(parse_domain(self.over)),
                "quantities": {q: m.record() if isinstance(m, RootOf) else m for q, m in self.quantities}}

    @once
    def describe(self) -> str:
        r = self.record()
        return f"for all {r['domain']}: {r['lhs']} {r['op']} {r['rhs']}"


@dataclass(frozen=True)
class Assumed(_Shaped):
    reasoning: str = ""
    source: str = ""
    why: str = ""          # the category and reason it is not checked, as ``Human.why`` (optional)

    kind = "assumed"

    def run(self, progress=None) -> Result:
        if self.source:
            return Result(CITED, reason=f"cited: {self.source}")
        return Result(HUMAN, reason=self.reasoning)


def derivative(e, var: str, *names: str) -> str:
    """The text of d e / d var as the checker differentiates it (the chain rule on the tree as
    written, defined only where it applies): the derivative a ``monotone`` premise must state."""
    names = names or (var,)
    return to_text(checker_diff(read_expr(written(e, *names), names), var))


@dataclass(frozen=True)
class RootOf:
    """The meaning of a quantity that is a root: the one root of the RootCount ``rootcount``'s
    polynomial between its points number ``after`` and ``after + 1`` (0-based)."""
    rootcount: str
    after: int

    def record(self) -> dict:
        return {"root_of": self.rootcount, "after": self.after}


# -- rules: what the certificate records (the checker re-verifies it) --------------------------------

def combine(*terms):
    """S = sum of coef * (product of the factor premises' S) * (the premise's S); each term is
    (premise id, coef) or (premise id, coef, factor id, ...); coef a rational text or int."""
    out = []
    for t in terms:
        pid, coef, *factors = t
        out.append({"premise": pid, "coef": str(coef), "factors": list(factors)})
    return lambda claim: {"rule": "combine", "terms": out}


def substitute(premise: str, var: str, value, *bounds: str):
    """The premise with ``var`` replaced by ``value`` (an expression in the claim's variables
    and quantities); ``bounds`` are premises that put value inside var's range."""
    return lambda claim: {"rule": "substitute", "premise": premise, "var": var,
                          "value": claim.text(value), "bounds": list(bounds)}


def cover(var: str, *premises: str, defined: str | None = None):
    """The same statement on sub-domains whose union along ``var`` is the claim's range; two
    pieces split at an expression m need ``defined``, a premise with m as a subterm."""
    return lambda claim: {"rule": "cover", "var": var, "premises": list(premises),
                          **({"defined": [defined]} if defined else {})}


def apply(premise: str, function: str, *defined: str):
    """function(u) OP function(v) from the premise u OP v (an increasing function: sqrt, exp,
    atan); ``defined``: a premise 0 <= u for sqrt."""
    return lambda claim: {"rule": "apply", "premise": premise, "function": function, "defined": list(defined)}


def monotone(premise: str, var: str, end: str):
    """F against F at the ``end`` ('lo' or 'hi') of var's range, from ``premise``: the sign of
    ``derivative(F, var)`` on a range of var containing that end (an expression end: the same
    expression in the premise's range)."""
    return lambda claim: {"rule": "monotone", "premise": premise, "var": var, "end": end}


def root(quantity: str, rootcount: str, sign: str | None = None, *inside: str):
    """A strict bound of a root quantity: by one of the two defining points, or (with the
    premise ``sign``, the polynomial's sign at a point c, and ``inside``, premises putting c
    strictly between the defining points where that is not exact) by c."""
    return lambda claim: {"rule": "root", "quantity": quantity, "root_of": rootcount,
                          **({"sign": sign, "inside": list(inside)} if sign else {})}


def root_bounds(rootcount) -> tuple:
    """For a ``RootCount`` claim: each root (one per sign change of consecutive points) lies
    strictly between those two points -- one derived claim per finite point, quantities
    ``root0``, ``root1``, ... in the order of the points."""
    pts, out, k = rootcount.points, [], 0
    for i in range(len(pts) - 1):
        if rootcount.signs[i] == rootcount.signs[i + 1]:
            continue
        q = f"root{k}"
        qs = ((q, RootOf(rootcount.id, i)),)
        for end, lhs, rhs in ((pts[i], pts[i], q), (pts[i + 1], q, pts[i + 1])):
            if end in ("-oo", "oo"):
                continue
            side = "above" if lhs == end else "below"
            out.append(Derived(f"{rootcount.id}.{q}_{side}", f"{lhs} < {rhs} ({q}: the root of {rootcount.id} "
                               f"between {pts[i]} and {pts[i + 1]})", rootcount.ref, lhs=lhs, op="<", rhs=rhs,
                               over=rootcount.over, quantities=qs, rule=root(q, rootcount.id)))
        k += 1
    return tuple(out)


@dataclass(frozen=True)
class Derived(_Shaped):
    rule: object = None          # combine(...), substitute(...), cover(...), monotone(...), root(...), apply(...)

    kind = "derived"

    def derivation(self) -> dict:
        return {"kind": "derived", **self.rule(self)}

    def premise_ids(self) -> list:
        return premise_ids(self.derivation())

    def run(self, progress=None) -> Result:
        return Result(UNDECIDED, reason="a derived claim is decided after its premises (certify.runner)")

    def decide(self, outcomes: dict) -> Result:
        """The status from the premises' outcomes ({id: (claim, Result)}); the derivation is
        replayed by the checker's rule on the records (each premise's record read once)."""
        cert = self.derivation()
        records: dict = {}

        def lookup(pid):
            if pid not in records:
                if pid not in outcomes:
                    raise CheckError(f"premise {pid} is not a claim of this run")
                claim = outcomes[pid][0]
                record = claim.record()
                if record is None:
                    raise CheckError(f"premise {pid} has no formal statement")
                records[pid] = (claim.kind, record)
            return records[pid]
        ids = premise_ids(cert)
        record = self.record()
        try:
            check_derivation(record, cert, lookup)
            for pid in ids:                   # every named premise, also one the rule did not read
                lookup(pid)
        except CheckError as e:
            return Result(UNDECIDED, reason=f"the derivation does not replay: {e}")
        status = {pid: outcomes[pid][1].status for pid in ids}
        rule = f"{cert['rule']} of {', '.join(ids)}"
        if all(s in (PROVED, CITED) for s in status.values()):
            cited = [p for p in ids if status[p] == CITED]
            return Result(PROVED, certificate=attach_claim(cert, record),
                          reason=rule + (f" (cited: {', '.join(cited)})" if cited else ""))
        if all(s in (PROVED, CITED, HUMAN) for s in status.values()):
            human = sorted(p for p in ids if status[p] == HUMAN)
            return Result(HUMAN, certificate=attach_claim(cert, record),
                          reason=f"{rule}; rests on the HUMAN premise(s) {', '.join(human)}")
        bad = [p for p in ids if status[p] not in (PROVED, CITED, HUMAN)]
        return Result(UNDECIDED, reason=f"{rule}; premise(s) not proved: {', '.join(bad)}")
