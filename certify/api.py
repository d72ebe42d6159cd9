"""The Python API: one-line claims typed as text, as at the command line.

``prove("sqrt(x) < 2", over="x in [0, 3]")`` decides *for all x in [0, 3]: sqrt(x) < 2* and
returns a ``Result`` (status PROVED / REFUTED / UNDECIDED, certified margin, witness, reason,
certificate).  Nothing typed here is evaluated as Python.
"""
from __future__ import annotations

from .domain import parse_domain
from .search import Budget


def prove(claim: str, over: str, max_cells: int = 20000, max_seconds: float = 60.0):
    """Decide ``claim`` (``lhs OP rhs``, OP in < <= > >=) for all points of ``over``."""
    from .expr.parse import parse_relation
    from .prover import prove_inequality
    domain = parse_domain(over)
    lhs, op, rhs = parse_relation(claim, domain.names)
    return prove_inequality(lhs, op, rhs, domain, Budget(cells=max_cells, seconds=max_seconds))


def bound(expr: str, over: str, kind: str = "min", tol: str = "1e-9", max_cells: int = 20000,
          max_seconds: float = 60.0):
    """Certified enclosure ``(lo, hi)`` (exact rationals, or None) of the min or max of ``expr``."""
    from .expr.parse import parse_expr
    from .prover import bound_extremum
    domain = parse_domain(over)
    lo, hi, _cells = bound_extremum(parse_expr(expr, domain.names), domain, kind, tol,
                                    Budget(cells=max_cells, seconds=max_seconds))
    return lo, hi
