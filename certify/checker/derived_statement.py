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
    """a is a subset of b, end by end: exact ends compared as numbers, an expression end only
    with the same expression (a's end open there, or b's closed)."""
    return _end_within(a.lo, a.lo_open, b.lo, b.lo_open, 1) and _end_within(a.hi, a.hi_open, b.hi, b.hi_open, -1)


def _end_within(e, e_open, f, f_open, sign) -> bool:
    """The end e of a lies on b's side of b's end f (sign 1: lower ends, -1: upper ends)."""
    if f is None:
        return True
    if e is None:
        return False
    if isinstance(e, T.Term) or isinstance(f, T.Term):
        return e is f and (e_open or not f_open)
    return (e - f) * sign > 0 or (e == f and (e_open or not f_open))


def end_in(r: Range, e, side: str) -> bool:
    """The point e, an end of a range inside r on the ``side`` ('lo' or 'hi') of r, is a point of
    r: r's end there is beyond e, or it is e and closed."""
    f, f_open = (r.lo, r.lo_open) if side == "lo" else (r.hi, r.hi_open)
    return e is not None and _end_within(e, False, f, f_open, 1 if side == "lo" else -1)


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
