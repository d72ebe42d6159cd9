"""Domain obligations: facts about subexpressions, proved over the whole domain, that let the
decorated evaluation see through rounding and dependency at the edge of a domain.

sqrt(2 - 3/(2b)) on b in [3/4, 1) is defined, but 1/b at b = 3/4 is rounded, so the
radicand's interval pokes below 0 and the decoration drops to trv on every cell at b = 3/4.
For each partial operation whose argument is not certainly inside its domain on the whole box,
``obligations`` states the argument's condition as a claim of its own (``arg >= 0`` for sqrt,
``arg > 0`` for log, ``-1 <= arg <= 1`` for acos/asin, ``den > 0`` or ``den < 0`` for a division,
...) and proves it with the full prover.  A proved condition becomes a *fact*: the tape
intersects that node's interval with the proved range (``Tape(..., facts=...)``), which is
sound because the node's true values lie in that range at every point of the domain.  A
refuted condition refutes the claim (the expression is undefined at the witness).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from flint import arb

from .expr import interval as I
from .expr import nodes as N
from .expr.tape import Tape, tape_of
from .expr.text import to_text

# operation -> the conditions on its (first) argument: (op, bound)
CONDITIONS = {
    "sqrt": ((">=", 0),), "log": ((">", 0),), "acosh": ((">=", 1),),
    "asin": ((">=", -1), ("<=", 1)), "acos": ((">=", -1), ("<=", 1)),
    "atanh": ((">", -1), ("<", 1)),
}
FACT = {">=": lambda c: (c, False, None, True), ">": lambda c: (c, True, None, True),
        "<=": lambda c: (None, True, c, False), "<": lambda c: (None, True, c, True)}


@dataclass
class Obligations:
    facts: dict = field(default_factory=dict)       # node -> (lo, lo_open, hi, hi_open) (arb / None)
    records: list = field(default_factory=list)     # for the certificate
    cells: int = 0


def _conditions(node, midpoint_value):
    """The conditions that make ``node`` defined, on which argument node."""
    op = node.op
    if op in CONDITIONS:
        return node.args[0], CONDITIONS[op]
    if op == "rpow":
        return node.args[0], ((">" if node.data[0] < 0 else ">=", 0),)
    if op == "pow":
        return node.args[0], ((">", 0),)
    if op in ("div", "pown") and (op == "div" or node.data < 0):
        den = node.args[1] if op == "div" else node.args[0]
        sign = midpoint_value(den)
        if sign is None:
            return den, ()
        return den, ((">", 0),) if sign > 0 else (("<", 0),)
    return None, ()


@lru_cache(maxsize=4096)
def _inner_nodes(F) -> tuple:
    """F's nodes with arguments, children first (remembered: nodes are hash-consed and kept)."""
    return tuple(n for n in N.postorder([F]) if n.args)


def prove_obligations(F, domain, box_intervals, point_intervals, budget, prove):
    """Facts for the partial nodes of F (innermost first) that the plain evaluation cannot
    place inside their domain on the whole box.  ``prove(expr, op, rhs)`` decides a claim on
    the domain; ``point_intervals()`` gives the box's midpoint (for the sign of a
    denominator).  Returns (Obligations, None) or (None, refuting Result)."""
    ob = Obligations()
    nodes = _inner_nodes(F)
    tape = tape_of([nodes], domain.names)
    if all(iv.bounded for iv in box_intervals) and \
            all(v is not None for v in tape.balls([iv.to_arb() for iv in box_intervals])):
        # every node has a ball on the closed box: each partial operation is certainly inside
        # its domain there (``certify.evaluators``), so no fact is needed; a ball costs about a
        # tenth of the decorated evaluation below
        return ob, None
    decs = tape.intervals(box_intervals)[1]
    if all(d >= I.DAC for d in decs):
        return ob, None           # everything is defined on the whole box already

    def midpoint_value(den):
        vals, decs = tape.intervals(point_intervals(), facts=ob.facts)
        v = vals[tape.position(den)]
        if v.certainly_positive():
            return 1
        if v.certainly_negative():
            return -1
        return None

    for node in nodes:
        k = tape.position(node)
        if decs[k] >= I.DAC or any(decs[tape.position(a)] < I.DAC for a in node.args):
            continue          # defined already, or an inner node is the problem
        arg, conds = _conditions(node, midpoint_value)
        if arg is None or not conds:
            continue
        fact = (None, True, None, True)
        for op, bound in conds:
            r = prove(arg, op, N.num(bound))
            ob.cells += r.cells
            if r.status == "REFUTED" and _undefined_at(node, domain.names, r.witness, ob.facts):
                r.reason = f"the expression is undefined at the witness ({node.op} needs {to_text(arg)} {op} {bound})"
                return None, r
            if r.status != "PROVED":
                break
            lo, lo_open, hi, hi_open = FACT[op](arb(bound))
            fact = (lo if lo is not None else fact[0], lo_open if lo is not None else fact[1],
                    hi if hi is not None else fact[2], hi_open if hi is not None else fact[3])
            ob.records.append({"expr": to_text(arg), "op": op, "rhs": str(bound), "certificate": r.certificate})
        else:
            ob.facts[arg] = _merge(ob.facts.get(arg), fact)
            decs = tape.intervals(box_intervals, facts=ob.facts)[1]     # the new fact narrows
    return ob, None


def _undefined_at(node, names, witness, facts) -> bool:
    """Is ``node`` certainly undefined at the (exact) witness point?"""
    from .exact import to_fmpq
    pt = [I.point(arb(to_fmpq(witness[n]))) for n in names]
    vals, _ = Tape([[node]], names).intervals(pt, facts=facts)
    return vals[-1].empty


def _merge(old, new):
    if old is None:
        return new
    lo, lo_open, hi, hi_open = old
    if new[0] is not None and (lo is None or new[0] > lo):
        lo, lo_open = new[0], new[1]
    elif new[0] is not None and new[0] == lo:
        lo_open = lo_open or new[1]
    if new[2] is not None and (hi is None or new[2] < hi):
        hi, hi_open = new[2], new[3]
    elif new[2] is not None and new[2] == hi:
        hi_open = hi_open or new[3]
    return lo, lo_open, hi, hi_open


