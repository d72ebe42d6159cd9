"""A claim proved on two halves of one variable's range, cut at a rational c and closed there
(certificate kind ``split``, replayed by ``checker.kinds.check_split``: each half is the claim
on the domain cut at c, the margin the smaller of the halves').

Two uses: an interior tangent zero (``certify.tangent``: each half's end rules close the cells
at c), and a range (-oo, oo), cut at 0 into two half-lines that are each compactified.
"""
from __future__ import annotations


def split_at_tangent(lhs, op, rhs, F, strict, domain, budget, progress):
    """The result from the two halves at an interior tangent zero (``certify.tangent``) when
    both are PROVED or one is REFUTED, or None."""
    from .tangent import tangent_points
    for i, c in tangent_points(F, domain, strict):
        result = split_claim(lhs, op, rhs, domain, i, c, budget, progress, True, False)
        if result is not None:
            if result.status == "PROVED":
                result.reason = f"split at the tangent zero {domain.names[i]} = {c}"
            return result
    return None


def split_claim(lhs, op, rhs, domain, i, c, budget, progress, allow_tail, allow_split):
    """The claim on the two halves of variable i cut at c (closed there): PROVED (a ``split``
    certificate) when both are, REFUTED with a half's witness (a point of the domain), else
    None."""
    from .prover import Result, prove_inequality
    from .tangent import combined_margin, halves
    parts = []
    for half in halves(domain, i, c):
        part = prove_inequality(lhs, op, rhs, half, budget, allow_tail, progress, allow_split)
        if part.status == "REFUTED":
            return part
        parts.append(part)
    if not all(p.status == "PROVED" for p in parts):
        return None
    cert = {"kind": "split", "var": domain.names[i], "at": str(c), "parts": [p.certificate for p in parts],
            "margin": combined_margin(parts[0].margin, parts[1].margin)}
    methods = {}
    for p in parts:
        for k, v in p.methods.items():
            methods[k] = methods.get(k, 0) + v
    return Result("PROVED", margin=cert["margin"], cells=sum(p.cells for p in parts), methods=methods,
                  certificate=cert, reason=f"split at {domain.names[i]} = {c}")
