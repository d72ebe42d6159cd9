"""What a derivation reads: premises and conclusions as statements S > 0, S >= 0 or S = 0,
and the containment of their domains and quantities (``certify.checker.derived``)."""
from __future__ import annotations

from . import terms as T
from .reader import Range, read_domain, read_expr
from .terms import CheckError

SHAPED = ("inequality", "assumed", "derived")
OPS = ("<", "<=", ">", ">=")
STRICTER = {"<=": "<", ">=": ">"}


class Statement:
    """A premise or conclusion read from its record: S rel 0 (rel '>', '>=' or '=')."""

    def __init__(self, kind, claim):
        if not isinstance(claim, dict):
            raise CheckError("a malformed claim record")
        keys = {"lhs", "rhs", "domain"} | ({"op"} if kind != "identity" else set())
        keys |= {"quantities"} if kind in ("assumed", "derived") else set()
        if kind not in SHAPED + ("identity",) or set(claim) != keys:
            raise CheckError(f"a {kind} record cannot be a premise or a derived claim")
        self.quantities = claim.get("quantities", {})
        if not isinstance(self.quantities, dict) or not all(
                isinstance(k, str) and isinstance(v, (str, dict)) for k, v in self.quantities.items()):
            raise CheckError("malformed quantities")
        self.domain = read_domain(claim["domain"], expressions=True)
        if set(self.quantities) & set(self.domain.names):
            raise CheckError("a quantity named like a variable")
        self.names = self.domain.names + tuple(sorted(self.quantities))
        self.lhs, self.rhs = (read_expr(claim[k], self.names) for k in ("lhs", "rhs"))
        self.op = claim.get("op", "==")
        if kind != "identity" and self.op not in OPS:
            raise CheckError(f"unknown relation {self.op!r}")
        if self.op in (">", ">=", "=="):
            self.S = T.binary("sub", self.lhs, self.rhs)
        else:
            self.S = T.binary("sub", self.rhs, self.lhs)
        self.rel = {"==": "=", ">": ">", "<": ">", ">=": ">=", "<=": ">="}[self.op]

    def require_box(self, rule: str):
        if not self.domain.is_box:
            raise CheckError(f"{rule}: a domain with expression ends")

    def ordered(self):
        """(small, strict, big): the relation read as small < big or small <= big."""
        if self.op in ("<", "<="):
            return self.lhs, self.op == "<", self.rhs
        if self.op in (">", ">="):
            return self.rhs, self.op == ">", self.lhs
        raise CheckError("an identity where a bound is needed")


def range_inside(a: Range, b: Range) -> bool:
    """a is a subset of b (ranges with an expression end: only when they are the same range)."""
    if not (a.exact_ends and b.exact_ends):
        return a == b
    lo = b.lo is None or (a.lo is not None and (a.lo > b.lo or (a.lo == b.lo and (a.lo_open or not b.lo_open))))
    hi = b.hi is None or (a.hi is not None and (a.hi < b.hi or (a.hi == b.hi and (a.hi_open or not b.hi_open))))
    return lo and hi


def applies(prem: Statement, conc: Statement, pid: str, skip: str | None = None):
    """The premise's domain contains the conclusion's (variable ``skip`` excepted) and the
    quantities its statement mentions are the conclusion's, with the same meaning (one it
    declares but does not mention says nothing)."""
    for name, r in zip(prem.domain.names, prem.domain.ranges):
        if name == skip:
            continue
        if skip is not None and skip in {v for e in (r.lo, r.hi) if isinstance(e, T.Term) for v in T.variables(e)}:
            raise CheckError(f"premise {pid}: the range of {name} depends on {skip}")
        if name not in conc.domain.names:
            raise CheckError(f"premise {pid}: variable {name} is not the conclusion's")
        if not range_inside(conc.domain.ranges[conc.domain.names.index(name)], r):
            raise CheckError(f"premise {pid}: its range of {name} does not contain the conclusion's")
    mentioned = T.variables(prem.S)
    for q, meaning in prem.quantities.items():
        if q in mentioned and conc.quantities.get(q) != meaning:
            raise CheckError(f"premise {pid}: quantity {q} is not the conclusion's")
