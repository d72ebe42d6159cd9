"""Criterion sweeps on the executor (``certify.executor``): the parameter range (or box) is cut
into ``parts`` parts at canonical split points, each part is certified by a worker -- a local
process, or a Dask worker with ``--scheduler`` -- and the parts' leaves are joined into one
``criterion --json`` document, which ``certify check`` replays like any other.

What crosses to a worker is exact text only (f as read, the part as "b in [p/q, r/s], ...",
the M key, budgets): arb balls are not picklable, and nothing a worker is sent is evaluated
as Python -- it rebuilds the ``Criterion`` with the same parser.  What comes back is the part's
JSON (exact rational cell ends, outward decimal bounds).  Each part's result is a function of
its text, so the joined document is the same whatever ran the parts (up to the ``seconds``
timings) when no clock budget ends a part; the cell budget is split evenly between parts.

The parts tile the range in order (cut like ``criterion_range``: the side widest relative to
the range, at ``split_point``), so their leaves, concatenated, tile it too; the document's
ranges are re-derived from those leaves (``criterion_result.runs``) and its hypotheses merged
(a hypothesis is CERTIFIED when it is on every part; its uncertified cells are the parts').
"""
from __future__ import annotations

import time
from fractions import Fraction

from .criterion_decimal import qstr
from .criterion_range import _cut, split_point
from .criterion_result import FAILS, HOLDS, UNDECIDED, runs
from .errors import CertifyInputError


def parts(names, lo, hi, k: int) -> list:
    """[(lo, hi)] of k parts tiling the range [lo, hi] (corners as tuples for a box), in order."""
    box = isinstance(names, tuple)
    sides = list(zip(lo, hi)) if box else [(lo, hi)]
    widths = [b - a for a, b in sides]
    top = max(widths)
    if top == 0:
        return [(lo, hi)]
    out = [(lo, hi)]
    while len(out) < k:
        rel = []
        for a, b in out:
            cell = list(zip(a, b)) if box else [(a, b)]
            rel.append(max((d - c) / w * top if w else Fraction(0) for (c, d), w in zip(cell, widths)))
        i = rel.index(max(rel))
        a, b = out[i]
        cell = list(zip(a, b)) if box else [(a, b)]
        r = [(d - c) / w * top if w else Fraction(0) for (c, d), w in zip(cell, widths)]
        j = r.index(max(r))
        left_hi, right_lo = _cut(a, b, j, split_point(*cell[j]), len(cell))
        out[i:i + 1] = [(a, left_hi), (right_lo, b)]
    return out


def param_text(names, lo, hi) -> str:
    """The exact text of a part, as ``--param`` reads it."""
    if not isinstance(names, tuple):
        return f"{names} in [{qstr(lo)}, {qstr(hi)}]"
    return ", ".join(f"{n} in [{qstr(a)}, {qstr(b)}]" for n, a, b in zip(names, lo, hi))


def certify_part(job: tuple) -> dict:
    """A worker's job: (f text, part text, M key, prec, max cells, max seconds, min width
    text or None) -> the part's JSON (leaves and hypotheses)."""
    from .criterion_cli import setup
    from .criterion_hyp import hypotheses
    f_text, part, key, prec, max_cells, max_seconds, min_width = job
    crit, key, (name, lo, hi), width = setup(f_text, key, part, prec, max_cells, max_seconds, min_width)
    res = crit.certify_range(lo, hi, key, min_width=width, max_cells=max_cells, seconds=max_seconds)
    res.hypotheses = hypotheses(crit, key, res.leaves)
    return res.as_json(cells=True)


class _Bound:
    """A recorded decimal bound, ordered by its exact value, printed as recorded."""

    def __init__(self, text):
        self.text, self.q = text, Fraction(text)

    def __le__(self, other):
        return self.q <= other.q

    def __ge__(self, other):
        return self.q >= other.q


def _bound(text):
    return None if text in ("inf", "-inf") else _Bound(text)


def _corner(v):
    return tuple(Fraction(t) for t in v) if isinstance(v, list) else Fraction(v)


def _merge_hypotheses(docs) -> list:
    out = []
    for i, entry in enumerate(docs[0]["hypotheses"]):
        merged = dict(entry)
        others = [d["hypotheses"][i] for d in docs]
        if any(e["id"] != entry["id"] for e in others):
            raise RuntimeError("the parts' hypotheses differ")
        bad = next((e for e in others if e["status"] != "CERTIFIED"), None)
        if bad is not None:
            merged.update(status=bad["status"], how=bad["how"])
        if "not_certified_on" in entry:
            merged["not_certified_on"] = [c for e in others for c in e["not_certified_on"]]
        out.append(merged)
    return out


def sweep(f_text, param, key, prec, max_cells, max_seconds, min_width_text, executor, n_parts) -> dict:
    """The joined ``criterion --json`` body (without the envelope) of a sweep over ``param``
    ((name, lo, hi) or (names, lo, hi) corners) in ``n_parts`` parts on ``executor``."""
    start = time.monotonic()
    names, lo, hi = param
    cut = parts(names, lo, hi, n_parts)
    per = max(1, max_cells // len(cut))
    jobs = [(f_text, param_text(names, a, b), key, prec, per, max_seconds, min_width_text) for a, b in cut]
    docs = list(executor.imap(certify_part, jobs))
    leaves = [leaf for d in docs for leaf in d["leaves"]]
    if all(leaf["method"] == "undefined" for leaf in leaves) and not any(d["budget_hit"] for d in docs):
        raise CertifyInputError(f"f is not defined/continuous on [-pi, pi] for any {param_text(names, lo, hi)}: "
                                f"{leaves[0].get('reason', '')}")
    rs = []
    for r in runs((_corner(c["lo"]), _corner(c["hi"]), c["verdict"][key], *map(_bound, c["R"][key]),
                   c.get("reason", "")) for c in leaves):
        rs.append({"lo": qstr(r["_lo"]), "hi": qstr(r["_hi"]), "verdict": r["verdict"], "cells": r["cells"],
                   "R_min_lower_bound": "-inf" if r["_rlo"] is None else r["_rlo"].text,
                   "R_max_upper_bound": "inf" if r["_rhi"] is None else r["_rhi"].text})
        if r["reasons"]:
            rs[-1]["reasons"] = r["reasons"]
    vs = {r["verdict"] for r in rs}
    status = HOLDS if vs == {HOLDS} else FAILS if FAILS in vs else UNDECIDED
    return {"range": [qstr(lo), qstr(hi)], "M": key, "status": status, "cells": len(leaves),
            "evaluated": sum(d["evaluated"] for d in docs), "seconds": round(time.monotonic() - start, 3),
            "budget_hit": any(d["budget_hit"] for d in docs), "ranges": rs, "leaves": leaves,
            "hypotheses": _merge_hypotheses(docs), "parts": len(cut)}
