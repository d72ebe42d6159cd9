"""Results of the criterion (``certify.criterion``): one parameter cell (``CellResult``) and an
adaptively subdivided range (``RangeResult``), with their JSON forms (exact rational cell ends,
outward-rounded decimal bounds)."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Optional

from flint import arb

from .criterion_decimal import decimal_bound, qstr

from .criterion_m import FIXED as M_KEYS
from .criterion_m import label

HOLDS, FAILS, UNDECIDED = "HOLDS", "FAILS", "UNDECIDED"
M_LABEL = {k: label(k) for k in M_KEYS}


@dataclass
class CellResult:
    lo: Optional[Fraction]            # the parameter cell [lo, hi] (None: no parameter)
    hi: Optional[Fraction]
    tau_lo: arb                       # tau(p) in [tau_lo, tau_hi] for every p in the cell
    tau_hi: arb
    tau_is_root: bool                 # tau is a certified simple root of f' (unique in its ball)
    fp_roots: Optional[int]           # number of zeros of f' in [0, pi] when proved
    I: arb                            # enclosure of int |f'''|_+ over [-pi, pi]
    f3_roots: Optional[int]           # number of zeros of f''' in [0, pi] when proved
    fp0: arb                          # enclosure of f'(0)
    R: dict                           # key -> (lo, hi): arb bounds, None for -inf / +inf
    verdict: dict                     # key -> HOLDS | FAILS | UNDECIDED
    method: str                       # direct | mean-value | undefined | budget
    seconds: float = 0.0
    cells: int = 0                    # x-cells used by the root isolations
    reason: str = ""                  # why an UNDECIDED cell is undecided (undefined f, budget)
    isolations: tuple = ()            # root isolations: f', f''' on [0, pi] (then on [-pi, 0])

    def as_json(self, digits: int = 12) -> dict:
        def b(v, side):
            return None if v is None else decimal_bound(v, side, digits)
        d = {
            "lo": qstr(self.lo), "hi": qstr(self.hi),
            "tau": [decimal_bound(self.tau_lo, "lo", digits), decimal_bound(self.tau_hi, "hi", digits)],
            "tau_is_simple_root": self.tau_is_root, "roots_fprime": self.fp_roots,
            "I": [decimal_bound(self.I, "lo", digits), decimal_bound(self.I, "hi", digits)],
            "roots_f3": self.f3_roots,
            "fprime0": [decimal_bound(self.fp0, "lo", digits), decimal_bound(self.fp0, "hi", digits)],
            "R": {k: [b(lo, "lo") if lo is not None else "-inf", b(hi, "hi") if hi is not None else "inf"]
                  for k, (lo, hi) in self.R.items()},
            "verdict": dict(self.verdict), "method": self.method,
        }
        if self.reason:
            d["reason"] = self.reason
        return d


def verdict_of(lo: Optional[arb], hi: Optional[arb]) -> str:
    """HOLDS when the lower bound of R is > 1, FAILS when the upper bound is < 1."""
    if lo is not None and lo.is_finite() and lo > 1:
        return HOLDS
    if hi is not None and hi.is_finite() and hi < 1:
        return FAILS
    return UNDECIDED


def undecided_cell(a, b, reason: str = "budget exhausted", method: str = "budget",
                   seconds: float = 0.0, keys=M_KEYS) -> CellResult:
    """A cell on which nothing is claimed (every verdict UNDECIDED, enclosures NaN); ``keys``:
    the M keys of its criterion."""
    nan = arb("nan")
    return CellResult(a, b, nan, nan, False, None, nan, None, nan,
                      {k: (None, None) for k in keys}, {k: UNDECIDED for k in keys}, method,
                      seconds, 0, reason)


def joins(lo, hi, lo2, hi2) -> bool:
    """The cell [lo2, hi2] continues [lo, hi] so that their union is one cell: for one
    parameter hi == lo2; for a box (corners as tuples) the two agree in every coordinate but
    one, in which the second starts where the first ends."""
    if not isinstance(lo, tuple):
        return hi == lo2
    diff = [j for j in range(len(lo)) if (lo[j], hi[j]) != (lo2[j], hi2[j])]
    return len(diff) == 1 and hi[diff[0]] == lo2[diff[0]]


def runs(cells) -> list:
    """Maximal runs of consecutive cells (lo, hi, verdict, R lower bound, R upper bound,
    reason) with one verdict whose union is one cell (``joins``): dicts with exact ends, the
    verdict, the number of cells, the extreme bounds of R (None: infinite; the bounds need
    only <= and >=) and the distinct reasons of undecided cells."""
    out = []
    for lo, hi, v, lo_b, hi_b, reason in cells:
        if out and out[-1]["verdict"] == v and joins(out[-1]["_lo"], out[-1]["_hi"], lo, hi):
            r = out[-1]
            r["_hi"] = hi
            r["cells"] += 1
            r["_rlo"] = None if (r["_rlo"] is None or lo_b is None) else (r["_rlo"] if r["_rlo"] <= lo_b else lo_b)
            r["_rhi"] = None if (r["_rhi"] is None or hi_b is None) else (r["_rhi"] if r["_rhi"] >= hi_b else hi_b)
        else:
            r = {"verdict": v, "_lo": lo, "_hi": hi, "cells": 1, "_rlo": lo_b, "_rhi": hi_b, "reasons": []}
            out.append(r)
        if v == UNDECIDED and reason and reason not in r["reasons"]:
            r["reasons"].append(reason)
    return out


@dataclass
class RangeResult:
    lo: Fraction
    hi: Fraction
    key: str
    leaves: list
    evaluated: int
    seconds: float
    budget_hit: bool = False
    hypotheses: Optional[list] = None     # ``certify.criterion_hyp`` entries, when decided

    @property
    def status(self) -> str:
        vs = {c.verdict[self.key] for c in self.leaves}
        if vs == {HOLDS}:
            return HOLDS
        if FAILS in vs:
            return FAILS
        return UNDECIDED

    @property
    def undefined(self) -> bool:
        """True when f was proved defined and continuous on no cell of the range."""
        return all(c.method == "undefined" for c in self.leaves)

    def ranges(self, key: Optional[str] = None) -> list:
        """Maximal runs of consecutive leaves with one verdict whose union is an interval (a
        box, for k >= 2 parameters: ``joins``): ``runs``."""
        key = key or self.key
        return runs((c.lo, c.hi, c.verdict[key], *c.R[key], c.reason) for c in self.leaves)

    def as_json(self, cells: bool = False, digits: int = 12) -> dict:
        rs = []
        for r in self.ranges():
            rs.append({"lo": qstr(r["_lo"]), "hi": qstr(r["_hi"]), "verdict": r["verdict"],
                       "cells": r["cells"],
                       "R_min_lower_bound": "-inf" if r["_rlo"] is None else decimal_bound(r["_rlo"], "lo", digits),
                       "R_max_upper_bound": "inf" if r["_rhi"] is None else decimal_bound(r["_rhi"], "hi", digits)})
            if r["reasons"]:
                rs[-1]["reasons"] = r["reasons"]
        d = {"range": [qstr(self.lo), qstr(self.hi)], "M": self.key, "status": self.status,
             "cells": len(self.leaves), "evaluated": self.evaluated,
             "seconds": round(self.seconds, 3), "budget_hit": self.budget_hit, "ranges": rs}
        if cells:
            d["leaves"] = [c.as_json(digits) for c in self.leaves]
        if self.hypotheses is not None:
            d["hypotheses"] = self.hypotheses
        return d
