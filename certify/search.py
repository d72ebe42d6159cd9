"""Branch and bound on a bounded box: for-all claims ``F > 0`` / ``F >= 0`` and extremum bounds.

The search is untrusted in the sense of GUIDE §4: it records a tree (split / leaf with the
method that closed it and the precision) that ``certify.check`` replays independently.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import flint
from flint import arb

from .balls import certainly_positive, certainly_violates, endpoints, point
from .enclose import METHODS, Ladder

PRECISIONS = (53, 106, 212)


@dataclass
class Budget:
    cells: int = 20000
    depth: int = 60
    seconds: float = 60.0


@dataclass
class EndRule:
    """At variable ``index``, end ``side`` ('lo' or 'hi') F and its first ``order``-1
    derivatives in that variable vanish identically (checked by sympy), so near the end
    F = t^order / order! * d^order F(xi), t = v - end."""
    index: int
    side: str
    value: object
    order: int


@dataclass
class Outcome:
    status: str                      # PROVED | REFUTED | UNDECIDED
    tree: dict | None = None
    witness: list | None = None      # exact rational point (problem coordinates)
    witness_value: arb | None = None
    reason: str = ""
    cells: int = 0
    methods: dict = field(default_factory=dict)
    min_lower: arb | None = None     # min over leaves of the certified lower bounds
    min_point: arb | None = None     # min over evaluated points (an upper bound of inf F)
    open_cells: list = field(default_factory=list)
    max_prec: int = 53


def _with_prec(prec, fn, *args):
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        return fn(*args)
    finally:
        flint.ctx.prec = old


def end_rule_method(ladder: Ladder, rule: EndRule, cell) -> str | None:
    """When the cell touches the rule's end: the ladder method that proves
    sign(t^k) * d^k F >= 0 on the cell (t = v - end), or None."""
    lo, hi = cell[rule.index]
    if (lo if rule.side == "lo" else hi) != rule.value:
        return None
    sign = -1 if (rule.side == "hi" and rule.order % 2) else 1
    d = ladder.derivative(rule.index, rule.order, sign)
    for method in METHODS:
        if certainly_positive(d.enclose(method, cell), strict=False):
            return method
    return ""


def decide_cell(ladder: Ladder, cell, strict: bool, rules, prec: int, methods=METHODS):
    """Try the end rules, then the ladder.  Returns (method, lower-ball) or (None, best-ball)."""
    def run():
        best = None
        for rule in rules:
            how = end_rule_method(ladder, rule, cell)
            if how is not None:
                if how:
                    return f"end-order-{rule.order}:{how}", arb(0)
                return None, arb.nan()      # a cell on a degenerate end is closed only by its rule
        for method in methods:
            value = ladder.enclose(method, cell)
            if certainly_positive(value, strict):
                return method, value
            if value.is_finite() and (best is None or value.lower() > best.lower()):
                best = value
        return None, best if best is not None else arb.nan()
    return _with_prec(prec, run)


def _midpoint(cell):
    return [(lo + hi) / 2 for lo, hi in cell]


def _split(cell, scales):
    widths = [(hi - lo) / s for (lo, hi), s in zip(cell, scales)]
    i = max(range(len(cell)), key=lambda k: widths[k])
    lo, hi = cell[i]
    m = (lo + hi) / 2
    left, right = list(cell), list(cell)
    left[i], right[i] = (lo, m), (m, hi)
    return i, m, tuple(left), tuple(right)


def prove_positive(ladder: Ladder, box, strict: bool, rules=(), budget: Budget | None = None,
                   progress=None, methods=METHODS) -> Outcome:
    """Decide ``F > 0`` (strict) or ``F >= 0`` on the closed box (open ends are handled by the
    caller through ``rules`` or by the fact that a closed cell contains the open one)."""
    budget = budget or Budget()
    start = time.monotonic()
    scales = [max(hi - lo, 1) if hi > lo else 1 for lo, hi in box]
    out = Outcome("PROVED")
    root = {"cell": tuple(box)}
    centre = _with_prec(PRECISIONS[0], lambda: ladder.F(*[point(m) for m in _midpoint(box)]))
    if centre.is_finite():
        out.min_point = centre
    stack = [(root, 0, PRECISIONS[0])]
    while stack:
        node, depth, prec = stack.pop()
        cell = node.pop("cell")
        out.cells += 1
        if progress and out.cells % 500 == 0:
            progress(out.cells)
        method, lower = decide_cell(ladder, cell, strict, rules, prec, methods)
        if method is not None:
            node.update(leaf=method, prec=prec)
            out.methods[method] = out.methods.get(method, 0) + 1
            if lower.is_finite():
                out.min_lower = lower if out.min_lower is None else out.min_lower.min(lower)
            out.max_prec = max(out.max_prec, prec)
            continue
        # refutation attempt at the midpoint (an interior point of the cell)
        mid = _midpoint(cell)
        value = _with_prec(prec, lambda: ladder.at_point(mid))
        if value.is_finite():
            out.min_point = value if out.min_point is None else out.min_point.min(value)
        if certainly_violates(value, strict):
            return Outcome("REFUTED", witness=mid, witness_value=value, cells=out.cells,
                           methods=out.methods, min_point=value,
                           reason="arb proves the inequality false at the witness point")
        # precision escalation when the point value itself is limited by rounding
        if value.is_finite() and prec != PRECISIONS[-1] and value.rad() * 4 > abs(value.mid()):
            node["cell"] = cell
            stack.append((node, depth, PRECISIONS[PRECISIONS.index(prec) + 1]))
            continue
        over = (out.cells >= budget.cells and "cell budget") or (depth >= budget.depth and "depth budget") \
            or (time.monotonic() - start > budget.seconds and "time budget")
        if over:
            out.status = "UNDECIDED"
            out.reason = f"{over} exhausted"
            out.open_cells = [cell] + [n[0].get("cell") for n in stack if "cell" in n[0]][:20]
            out.tree = None
            return out
        i, m, left, right = _split(cell, scales)
        lchild, rchild = {"cell": left}, {"cell": right}
        node.update(split=i, at=m, children=[lchild, rchild])
        stack.append((rchild, depth + 1, prec))
        stack.append((lchild, depth + 1, prec))
    out.tree = root
    return out


def bound_min(ladder: Ladder, box, tol, budget: Budget | None = None):
    """Certified enclosure ``(lower, upper)`` of inf F over the box, to width ``tol``."""
    import heapq
    budget = budget or Budget()
    start = time.monotonic()
    scales = [max(hi - lo, 1) if hi > lo else 1 for lo, hi in box]
    best_upper = None
    heap = []
    counter = 0
    cells = 0

    def lower_of(cell):
        best = None
        for method in METHODS:
            v = ladder.enclose(method, cell)
            ends = endpoints(v)
            if ends is not None and (best is None or ends[0] > best):
                best = ends[0]
        return best

    def push(cell):
        nonlocal counter, best_upper, cells
        cells += 1
        mid = _midpoint(cell)
        v = ladder.F(*[point(m) for m in mid])
        ends = endpoints(v)
        if ends is not None and (best_upper is None or ends[1] < best_upper):
            best_upper = ends[1]
        lo = lower_of(cell)
        if lo is None:
            lo = float("-inf")
        counter += 1
        heapq.heappush(heap, (lo, counter, cell))

    push(tuple(box))
    while True:
        lo, _, cell = heap[0]
        if best_upper is not None and lo != float("-inf") and best_upper - lo <= tol:
            break
        if cells >= budget.cells or time.monotonic() - start > budget.seconds:
            break
        heapq.heappop(heap)
        if best_upper is not None and lo != float("-inf") and lo > best_upper:
            continue
        _, _, left, right = _split(cell, scales)
        push(left)
        push(right)
    lo = heap[0][0] if heap else None
    return (None if lo == float("-inf") else lo), best_upper, cells
