"""A refutation found by the search, in the claim's own coordinates, confirmed on the slack as
written.

The search runs on the compactified domain and often on a rewritten form G = F W / P (``rules``):
its witness is mapped back through the substitutions, and F as written is evaluated there in
arb.  Only a point where arb proves the claim false (or F certainly undefined) counts, and the
value reported is F's, not G's.
"""
from __future__ import annotations

from flint import fmpq

from .balls import iv_text


def refuted(subs, names, pt, value, reason, out=None):
    """The REFUTED Result at the search's point pt (mapped back through ``subs``)."""
    from .expr.parse import parse_expr
    from .expr.tape import Tape
    from .prover import Result
    images = {s["var"]: parse_expr(s["image"], names) for s in subs}
    witness = {}
    for name, q in zip(names, pt):
        q = fmpq(q) if not isinstance(q, fmpq) else q
        if name in images:
            q = Tape([[images[name]]], (name,)).exact((q,))
        witness[name] = str(q)
    return Result("REFUTED", witness=witness, witness_value=iv_text(value) if value is not None else ["0", "0"],
                  reason=reason, cells=out.cells if out else 0, methods=dict(out.methods) if out else {})


def confirmed(result, F, domain, strict: bool):
    """``result`` with F's own value at the witness when arb proves the claim false there (or F
    certainly undefined); an UNDECIDED Result otherwise."""
    from .enclose import Ladder
    from .prover import Result
    from .search import PRECISIONS, with_prec
    pt = [fmpq(int(q.numerator), int(q.denominator)) for q in map(_fraction, (result.witness[n] for n in domain.names))]
    opens = [(None, None)] * len(pt)
    ladder = Ladder(F, domain.names, opens)
    for prec in PRECISIONS:
        value, defined = with_prec(prec, ladder.at_point, pt)
        if value.empty:
            result.witness_value = ["0", "0"]
            result.reason = "the expression is undefined at the witness point"
            return result
        if defined and (value.certainly_nonpositive() if strict else value.certainly_negative()):
            result.witness_value = iv_text(value)
            return result
    return Result("UNDECIDED", reason="a counterexample of the searched form is not confirmed on the slack as written",
                  cells=result.cells, methods=result.methods)


def _fraction(text):
    from fractions import Fraction
    return Fraction(text)
