"""The Python API: one-line claims typed as text, as at the command line.

    >>> from certify import prove, bound
    >>> prove("sqrt(x) < 2", over="x in [0, 3]")
    Result(PROVED, margin=[0.26794919243112, 0.267949192431125], cells=1, certificate=<444 bytes>)
    >>> bound("(z - 3/4)**2 - 1", over="z in [1/2, 1]")
    Bound(min in [-1, -1], cells=1)

``prove`` decides *for all x in [0, 3]: sqrt(x) < 2* and returns a ``certify.prover.Result``;
``bound`` returns a ``Bound``.  Nothing typed here is evaluated as Python.
"""
from __future__ import annotations

from dataclasses import dataclass

from .domain import parse_domain
from .search import Budget


def prove(claim: str, over: str, max_cells: int = 20000, max_seconds: float = 60.0):
    """Decide ``claim`` (``lhs OP rhs``, OP in < <= > >=) for all points of ``over``; a
    ``certify.prover.Result``."""
    from .expr.parse import parse_relation
    from .prover import prove_inequality
    domain = parse_domain(over)
    lhs, op, rhs = parse_relation(claim, domain.names)
    return prove_inequality(lhs, op, rhs, domain, Budget(cells=max_cells, seconds=max_seconds))


@dataclass(frozen=True)
class Bound:
    """A certified enclosure of the min or max of an expression over a domain: the extremum
    lies in [``lo``, ``hi``] (arb balls whose lower / upper ends bound it; None where no finite
    bound was found).  ``status`` PROVED when both ends are finite, else UNDECIDED;
    ``enclosure`` the outward 15-digit decimals; ``lo, hi = bound(...)`` unpacks the ends."""
    kind: str
    lo: object
    hi: object
    cells: int

    @property
    def status(self) -> str:
        return "PROVED" if self.lo is not None and self.hi is not None else "UNDECIDED"

    @property
    def enclosure(self) -> list | None:
        from .balls import arb_decimal
        if self.status != "PROVED":
            return None
        return [arb_decimal(self.lo, 15, up=False), arb_decimal(self.hi, 15, up=True)]

    def __iter__(self):
        return iter((self.lo, self.hi))

    def __repr__(self) -> str:
        enc = self.enclosure
        where = f"in [{enc[0]}, {enc[1]}]" if enc else "UNDECIDED: no finite enclosure"
        return f"Bound({self.kind} {where}, cells={self.cells})"


def bound(expr: str, over: str, kind: str = "min", tol: str = "1e-9", max_cells: int = 20000,
          max_seconds: float = 60.0) -> Bound:
    """Certified enclosure of the min (``kind="min"``) or max of ``expr`` over ``over``, to
    within ``tol``; a ``Bound``."""
    from .errors import CertifyInputError
    from .expr.parse import parse_expr
    from .bounds import bound_extremum
    if kind not in ("min", "max"):
        raise CertifyInputError(f"kind must be 'min' or 'max', not {kind!r}")
    domain = parse_domain(over)
    lo, hi, cells = bound_extremum(parse_expr(expr, domain.names), domain, kind, tol,
                                   Budget(cells=max_cells, seconds=max_seconds))
    return Bound(kind, lo, hi, cells)


def sync_criterion(f: str, param: str | None = None, M: str = "2pi", max_cells: int = 20000,
              max_seconds: float = 600.0, prec: int = 64):
    """Certify the synchronization criterion R_M > 1 (Theorem 2.1 for M = 2pi, Corollary 3.3
    for any other positive constant M such as "pi" or "3*pi/2", "none" without the factor
    (1 + tau/M)) for the interaction function ``f`` (text in x and its parameters), uniformly
    on each cell of ``param`` (e.g. ``"beta in [0, 2]"``, or a box ``"b in [0, 1], c in [0,
    1/10]"``); a ``certify.criterion.RangeResult`` (``status`` HOLDS / FAILS / UNDECIDED,
    ``leaves`` with the enclosures of tau, I, R_M, ``hypotheses`` of the theorems, each with
    its theorem and status: ``certify.criterion_hyp``)."""
    from .criterion_cli import decide, setup
    crit, key, p, min_width = setup(f, M, param, prec, max_cells, max_seconds)
    return decide(crit, key, p, min_width, max_cells, max_seconds)
