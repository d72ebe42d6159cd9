"""Branch and bound on a bounded box: for-all claims ``F > 0`` / ``F >= 0`` and extremum bounds.

Best-first: the open cell with the lowest lower bound is split next, so one hard corner cannot
starve the rest and refutations are found where the slack is smallest.  The search is untrusted
in the sense of GUIDE §4: it records a tree (split / leaf with the method that closed it and the
precision) that the checker replays.  Every leaf also needs the slack as written to be defined
on it (``Ladder.witness_defined``).
"""
from __future__ import annotations

import heapq
import time
from dataclasses import dataclass, field

import flint
from flint import arb, fmpq

from .cell_forms import midpoint
from .enclose import METHODS, Ladder, best_lower, lower_end, lower_positive
from .box_ends import END_CUT, END_CUT_DEPTH, end_rule_method, first_singular, singular_side
from .evaluators import BALLS, DECORATED

PRECISIONS = (53, 106, 212)


@dataclass
class Budget:
    """Limits of one claim's work.  ``until`` (absolute ``time.monotonic()``) is set when the
    claim starts and shared by every sub-claim (obligations, tails), so ``seconds`` bounds the
    whole claim, not each search."""
    cells: int = 20000
    depth: int = 60
    seconds: float = 60.0
    until: float | None = field(default=None, compare=False)

    def __post_init__(self):
        from .errors import CertifyInputError
        if self.cells < 1 or self.depth < 1 or not self.seconds > 0:
            raise CertifyInputError("budgets (cells, depth, seconds) must be positive")

    def started(self) -> "Budget":
        """This budget with its clock running (unchanged when it already runs)."""
        if self.until is not None:
            return self
        return Budget(self.cells, self.depth, self.seconds, time.monotonic() + self.seconds)

    def expired(self) -> bool:
        return self.until is not None and time.monotonic() > self.until

    def share(self, fraction: float, cells: int | None = None) -> "Budget":
        """This running budget cut to ``fraction`` of the time it has left (and to ``cells``):
        a first method, when another is to be tried after it."""
        now = time.monotonic()
        return Budget(self.cells if cells is None else min(cells, self.cells), self.depth, self.seconds,
                      now + fraction * max(self.until - now, 0.0))


@dataclass
class Outcome:
    status: str                      # PROVED | REFUTED | UNDECIDED
    tree: dict | None = None
    witness: list | None = None      # exact rational point (problem coordinates)
    witness_value: object = None     # Interval (EMPTY: undefined there)
    reason: str = ""
    cells: int = 0
    methods: dict = field(default_factory=dict)
    min_lower: arb | None = None     # min over leaves of the certified lower bounds (None: -oo)
    lower_known: bool = True
    min_point: arb | None = None     # min over evaluated points (an upper bound of inf F)
    min_point_at: list | None = None  # where
    open_cells: list = field(default_factory=list)
    max_prec: int = 53


def with_prec(prec, fn, *args):
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        return fn(*args)
    finally:
        flint.ctx.prec = old


def decide_cell(ladder: Ladder, cell, strict: bool, rules, prec: int, methods=METHODS, ends=()):
    """Try the end rules, then the ladder.  Returns (method or None, best lower Interval).
    ``ends``: the (variable index, value) of the searched box's ends the cell touches."""
    def run():
        ok, slack = ladder.side_check(cell)
        if not ok:
            return None, None
        for rule in rules:
            how = end_rule_method(ladder, rule, cell, strict)
            if how is not None:
                if how:
                    return f"end-order-{rule.order}:{how}", slack
                # a cell on a degenerate end is closed by its rule, or by plain evaluation when
                # the slack's range stops exactly at 0 there (acos(u) >= 0 at u = 1)
                plain = ladder.plain(cell)
                if lower_positive(plain, strict):
                    return "plain", plain if ladder.side is None else slack
                return None, None
        # every method on arb balls first (cheap; certain domains only), then decorated, unless
        # F's ball is far below 0 (FAR), or both the balls' best and F's decorated value are
        # clearly below 0 (CLEARLY; not by rounding or by a lost sign fact): then the cell is
        # split.  Where F's ball is undefined on a
        # cell touching no end of the box where F or its gradient is singular (an overshoot
        # that splitting removes, not a singular end such as sqrt(z) or x**x at 0, where the
        # decorated monotone form closes the end cell), the decorated forms closed none of 170
        # such cells in the registry and bench/peers.py, so only F's decorated value is tried
        # there; at a singular end, of the decorated forms only monotone closed any (110 of
        # 1100 such cells; mean value and Taylor none: the gradient is unbounded there), so
        # only it is tried (choices of work)
        best = None
        plain = ladder.plain(cell, BALLS)
        if plain is not None:
            tried = {}
            for method in methods:
                if _pointless(method, tried):
                    continue
                value = tried[method] = plain if method == "plain" else ladder.enclose(method, cell, plain, BALLS)
                if lower_positive(value, strict):
                    return method, value if ladder.side is None else slack
                best = best_lower(best, value)
            if _below(plain, FAR) and not _sign_lost(plain):
                return None, best
        plain = ladder.plain(cell, DECORATED)
        if lower_positive(plain, strict):
            return "plain", plain if ladder.side is None else slack
        if plain is None:                # F not defined and continuous on the cell: no form applies
            return None, best
        if (first_singular(ladder, cell, ends) is None if best is None else _below(best, CLEARLY) and _below(plain, CLEARLY)):
            return None, best_lower(best, plain)
        forms = [m for m in methods if m != "plain" and (best is not None or m == "monotone")]
        best, tried = plain, {}
        for method in forms:
            if _pointless(method, tried):
                continue
            value = tried[method] = ladder.enclose(method, cell, plain, DECORATED)
            if lower_positive(value, strict):
                return method, value if ladder.side is None else slack
            best = best_lower(best, value)
        return None, best
    return with_prec(prec, run)


def _pointless(method, tried) -> bool:
    """Skip the Taylor form where the mean-value form did not apply (None: the gradient is not
    defined on the open cell, or F not at its midpoint): the Hessian's trees are built from the
    gradient's, and a second-order evaluation costs about twice a first-order one.  A choice of
    work only (in the registry the decorated Taylor form closed no such cell)."""
    return method == "taylor2" and "mean-value" in tried and tried["mean-value"] is None


def _below(value, fraction) -> bool:
    """Is the lower end below 0 by more than ``fraction`` of the enclosure's width?  With
    ``CLEARLY`` (2^-16): a sign lost to rounding (about 2^-30 of the width per ball radius)
    stays far smaller, so when both the balls' best and F's decorated value are this low, the
    decorated forms are not tried and the cell is split.  With ``FAR`` (1/4): F's ball is
    defined (every partial operation certainly in its domain, so no domain fact narrows it) and
    this low; the decorated value differs from it by exact ends and tighter products, second
    order in the width: in the registry and bench/peers.py no decorated value or form closed any
    of 1140 such cells (whatever the ball forms reached), so the cell is split without them.
    Both are choices of work only: every decision is still checked."""
    if value is None or value.lo is None or value.hi is None:
        return False
    return bool(value.lo < 0) and bool(-value.lo > (value.hi - value.lo) * fraction)


def _sign_lost(value) -> bool:
    """Is the ball about symmetric around 0 (midpoint under 2^-10 of the radius)?  Products of
    balls of very different magnitudes end so (x exp(1/x) near 0: [-3e910775, 3e910775], where
    the decorated value is positive): the ball then says nothing about how far F is below 0."""
    return bool(abs(value.lo + value.hi) < (value.hi - value.lo) * SYMMETRIC)


CLEARLY = arb(2) ** -16
SYMMETRIC = arb(2) ** -10
FAR = arb(1) / 4


SIMPLE_DENOMINATOR = 256


def simplest_between(lo, hi):
    """The rational of least denominator (at most 256) in [lo, hi] (0 if it is there, else the
    least integer in it), else the midpoint: exact points like 0 or 2/3, where an expression
    may be undefined, are found this way.  With no integer in [lo, hi] the least denominator
    q >= 2 has one numerator: p/q and (p+1)/q are never Farey neighbours, so a fraction of
    smaller denominator lies between them."""
    if lo <= 0 <= hi:
        return fmpq(0)
    least = lo.ceil()
    if least <= hi:
        return fmpq(least)
    n = lo.floor()
    r = _simplest_nonneg(lo - n, hi - n)
    return (lo + hi) / 2 if r is None else n + r


def _simplest_nonneg(lo, hi, depth=0):
    """The least-denominator rational in [lo, hi] (0 < lo <= hi), by continued fractions
    (Stern-Brocot): 1/r for r the simplest of [1/hi, 1/lo]; None past SIMPLE_DENOMINATOR
    (denominators grow at least like Fibonacci numbers with the depth, so 16 levels exceed it)."""
    n = lo.floor()
    if n == lo:
        return fmpq(n)
    if n + 1 <= hi:
        return fmpq(n + 1)
    if depth > 16:
        return None
    r = _simplest_nonneg(1 / (hi - n), 1 / (lo - n), depth + 1)
    if r is None:
        return None
    out = n + 1 / r
    return out if out.q <= SIMPLE_DENOMINATOR else None


def split(cell, scales, toward=None):
    """Bisect the widest (scaled) side; ``toward`` = (index, end): cut that side 1/16 of its
    width from that end instead (``singular_side``)."""
    if toward is not None:
        i, end = toward
        lo, hi = cell[i]
        m = lo + (hi - lo) * END_CUT if end == lo else hi - (hi - lo) * END_CUT
    else:
        widths = [(hi - lo) / s for (lo, hi), s in zip(cell, scales)]
        i = max(range(len(cell)), key=lambda k: widths[k])
        lo, hi = cell[i]
        m = (lo + hi) / 2
    left, right = list(cell), list(cell)
    left[i], right[i] = (lo, m), (m, hi)
    return i, m, tuple(left), tuple(right)


def _key(value) -> float:
    """Heap order of a cell: the lower end of its best enclosure (an Interval) as a float."""
    return _float_key(lower_end(value))


def _float_key(lo) -> float:
    if lo is None or not lo.is_finite():
        return float("-inf")
    try:
        return float(lo.mid())
    except (ValueError, OverflowError):
        return float("-inf")


def probe(ladder: Ladder, pt, strict: bool, prec: int, out: "Outcome", cell=None):
    """F at the exact point pt, once: (value, defined, refutation or None).  A refutation is
    (value, reason) when arb proves the claim false there or F is certainly undefined there;
    a defined value also bounds inf F from above (recorded in ``out`` for the margin).  ``cell``:
    pt is its midpoint (its ball there may be known already, ``Ladder.mid_ball``)."""
    def run():
        value, defined = ladder.at_point(pt, None if cell is None else ladder.mid_ball(cell))
        _record_value(out, ladder, pt, value, defined)
        if value.empty:
            return value, defined, (value, "the expression is undefined at the witness point")
        if defined and ((value.certainly_nonpositive()) if strict else value.certainly_negative()):
            return value, defined, (value, "arb proves the inequality false at the witness point")
        return value, defined, None
    return with_prec(prec, run)


def prove_positive(ladder: Ladder, box, strict: bool, rules=(), budget: Budget | None = None,
                   progress=None, methods=METHODS, candidates=()) -> Outcome:
    """Decide ``F > 0`` (strict) or ``F >= 0`` on the box (open ends as in ``ladder.cells``).
    ``candidates`` are points to try as counterexamples first."""
    budget = (budget or Budget()).started()
    scales = [max(hi - lo, 1) if hi > lo else 1 for lo, hi in box]
    out = Outcome("PROVED")
    for pt in list(candidates) + [midpoint(box)]:
        hit = probe(ladder, pt, strict, PRECISIONS[0], out)[2]
        if hit is not None:
            return Outcome("REFUTED", witness=list(pt), witness_value=hit[0], reason=hit[1])
    root = {"cell": tuple(box)}
    heap = [(0.0, 0, root, 0, PRECISIONS[0])]
    counter = 0
    while heap:
        _, _, node, depth, prec = heapq.heappop(heap)
        cell = node.pop("cell")
        out.cells += 1
        if progress and out.cells % 500 == 0:
            progress(out.cells)
        ends = [(i, end) for i, ((lo, hi), (c_lo, c_hi)) in enumerate(zip(box, cell))
                for end, touched in ((lo, c_lo == lo), (hi, c_hi == hi)) if touched]
        method, lower = decide_cell(ladder, cell, strict, rules, prec, methods, ends)
        if method is not None:
            node.update(leaf=method, prec=prec)
            out.methods[method] = out.methods.get(method, 0) + 1
            lo = lower_end(lower) if lower is not None else None
            if lower is None or lo is None:
                out.lower_known = out.lower_known and lower is not None and lo is not None
            else:
                out.min_lower = lo if out.min_lower is None or lo < out.min_lower else out.min_lower
            out.max_prec = max(out.max_prec, prec)
            continue
        mid = midpoint(cell)
        value, defined, hit = probe(ladder, mid, strict, prec, out, cell)
        if hit is None and lower is None:
            # an undefined cell: its simplest rational may be the point where F is undefined
            simple = [simplest_between(lo, hi) for lo, hi in cell]
            if ladder.cells.inside(simple):
                hit = probe(ladder, simple, strict, prec, out)[2]
                mid = simple if hit is not None else mid
        if hit is not None:
            return Outcome("REFUTED", witness=mid, witness_value=hit[0], cells=out.cells,
                           methods=out.methods, reason=hit[1])
        # precision escalation when the point value itself is limited by rounding
        if defined and value.bounded and prec != PRECISIONS[-1] and _rounding_limited(value):
            node["cell"] = cell
            counter += 1
            heapq.heappush(heap, (_key(lower), counter, node, depth, PRECISIONS[PRECISIONS.index(prec) + 1]))
            continue
        over = (out.cells >= budget.cells and "cell budget") or (depth >= budget.depth and "depth budget") \
            or (budget.expired() and "time budget")
        if over:
            out.status = "UNDECIDED"
            out.reason = f"{over} exhausted"
            out.open_cells = [cell] + [h[2]["cell"] for h in sorted(heap, key=lambda h: h[:2])[:20]]
            out.tree = None
            return out
        i, m, left, right = split(cell, scales, None if rules or depth >= END_CUT_DEPTH else singular_side(ladder, cell, ends))
        lchild, rchild = {"cell": left}, {"cell": right}
        node.update(split=i, at=m, children=[lchild, rchild])
        key = _key(lower)
        for child in (lchild, rchild):
            counter += 1
            heapq.heappush(heap, (key, counter, child, depth + 1, prec))
    out.tree = root
    return out


def _record_value(out: Outcome, ladder: Ladder, pt, value, defined):
    if defined and value.hi is not None and ladder.side is None:
        if out.min_point is None or value.hi < out.min_point:
            out.min_point, out.min_point_at = value.hi, list(pt)
    elif defined and ladder.side is not None:
        slack = ladder.side_value(pt)          # runs at the caller's precision
        if slack is not None and slack.hi is not None:
            if out.min_point is None or slack.hi < out.min_point:
                out.min_point, out.min_point_at = slack.hi, list(pt)


def _rounding_limited(value) -> bool:
    width = value.hi - value.lo
    size = abs(value.hi) if abs(value.hi) > abs(value.lo) else abs(value.lo)
    return bool(width * 4 > size) and bool(size < 2 ** -20)


def bound_min(ladder: Ladder, box, tol, budget: Budget | None = None):
    """Certified enclosure ``(lower, upper)`` (arb values or None) of inf F over the box, to
    width ``tol``; also the number of cells.  The search ends (lower None) when the lowest cell
    has no lower bound at ``budget.depth`` splits: F is unbounded below or undefined there
    (atan(tan x) next to pi/2), which no further split changes."""
    budget = (budget or Budget()).started()
    scales = [max(hi - lo, 1) if hi > lo else 1 for lo, hi in box]
    best_upper = None
    heap, counter, cells = [], 0, 0
    tol = arb(fmpq(tol.p, tol.q)) if hasattr(tol, "p") else arb(tol)

    def lower_of(cell):
        best = None
        plain = ladder.plain(cell)
        for method in METHODS:
            best = best_lower(best, plain if method == "plain" else ladder.enclose(method, cell, plain))
        return lower_end(best) if ladder.side_check(cell)[0] else None

    def push(cell, depth):
        nonlocal counter, best_upper, cells
        cells += 1
        value, defined = ladder.at_point(midpoint(cell))
        if defined and value.hi is not None and (best_upper is None or value.hi < best_upper):
            best_upper = value.hi
        lo = lower_of(cell)
        counter += 1
        heapq.heappush(heap, (_float_key(lo), counter, cell, lo, depth))

    push(tuple(box), 0)
    while heap:
        _, _, cell, lo, depth = heap[0]
        if best_upper is not None and lo is not None and best_upper - lo <= tol:
            break
        if cells >= budget.cells or budget.expired() or (lo is None and depth >= budget.depth):
            break
        heapq.heappop(heap)
        if lo is not None and best_upper is not None and lo > best_upper:
            continue
        _, _, left, right = split(cell, scales)
        push(left, depth + 1)
        push(right, depth + 1)
    lowest = None if not heap or any(h[3] is None for h in heap) else min(h[3] for h in heap)
    return lowest, best_upper, cells
