"""A claim proved on two halves of one variable's range, cut at a rational c and closed there
(certificate kind ``split``, replayed by ``checker.kinds.check_split``: each half is the claim
on the domain cut at c, the margin the smaller of the halves').

Two uses: an interior tangent zero (``certify.tangent``: each half's end rules close the cells
at c), and a range (-oo, oo), cut at 0 into two half-lines that are each compactified.
"""
from __future__ import annotations


def split_at_tangent(lhs, op, rhs, F, strict, domain, budget, progress):
    """The result from the two halves at an interior tangent zero (``certify.tangent``), or at
    the end of a run where the slack is 0 (non-strict claims), when both are PROVED or one is
    REFUTED, or None."""
    from .tangent import tangent_points, zero_run_end
    run = [] if strict else [p for p in [zero_run_end(F, domain)] if p is not None]
    for i, c in run + tangent_points(F, domain, strict):
        result = split_claim(lhs, op, rhs, domain, i, c, budget, progress, True, False)
        if result is not None:
            if result.status == "PROVED":
                result.reason = f"split at the tangent zero {domain.names[i]} = {c}"
            return result
    return None


def tangent_cut_first(lhs, op, rhs, F, domain, budget, progress):
    """A non-strict claim in one variable: a rational interior zero of the slack stops every
    search around it (cells down to the depth budget), so the cut there is tried before the
    search, in a quarter of the time left (sympy on x**(10**100) at a point would take all of
    it); not where the slack is 0 on a whole grid (x/x - 1, the identical-zero rule's case, where
    a cut only doubles the work).  The result, or None."""
    import time

    from .deadline import Deadline, deadline
    from .squares import sampled_zero
    if sampled_zero(F, domain):
        return None
    try:
        with deadline((budget.until - time.monotonic()) / 4):
            return split_at_tangent(lhs, op, rhs, F, False, domain, budget, progress)
    except Deadline:
        return None


def split_claim(lhs, op, rhs, domain, i, c, budget, progress, allow_tail, allow_split):
    """The claim on the two halves of variable i cut at c (closed there): PROVED (a ``split``
    certificate) when both are, REFUTED with a half's witness (a point of the domain), else
    None."""
    from .prover import prove_inequality
    from .tangent import halves
    parts = []
    for half in halves(domain, i, c):
        part = prove_inequality(lhs, op, rhs, half, budget, allow_tail, progress, allow_split)
        if part.status == "REFUTED":
            return part
        parts.append(part)
    if not all(p.status == "PROVED" for p in parts):
        return None
    return joined(domain, i, c, parts, f"split at {domain.names[i]} = {c}")


def joined(domain, i, c, parts, reason):
    """The PROVED ``split`` Result of the two PROVED halves ``parts`` (lower half first) of
    variable i cut at c: the margin is the smaller of theirs, cells and methods add up."""
    from .prover import Result
    from .tangent import combined_margin
    cert = {"kind": "split", "var": domain.names[i], "at": str(c), "parts": [p.certificate for p in parts],
            "margin": combined_margin(parts[0].margin, parts[1].margin)}
    methods = {}
    for p in parts:
        for k, v in p.methods.items():
            methods[k] = methods.get(k, 0) + v
    return Result("PROVED", margin=cert["margin"], cells=sum(p.cells for p in parts), methods=methods,
                  certificate=cert, reason=reason)
