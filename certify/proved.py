"""What a proved search becomes: the certified margin, the serialized cell tree and the
``forall`` certificate that ``certify check`` replays (``certify.checker.forall``)."""
from __future__ import annotations

from .balls import arb_decimal


def margin(out, strict: bool):
    """[lower, upper] of inf of the slack: lower from the leaves (at least 0, the claim being
    proved), upper from the evaluated points ('oo' when no point was evaluated)."""
    lo = out.min_lower if out.lower_known and out.min_lower is not None else None
    lower = "0" if lo is None or lo <= 0 else arb_decimal(lo, 10, up=False)
    if lo is not None and lo > 0 and lower.startswith("-"):
        lower = "0"
    upper = "oo" if out.min_point is None else arb_decimal(out.min_point, 10, up=True)
    return [lower, upper]


def serialize(node):
    if "leaf" in node:
        return {"leaf": node["leaf"], "prec": node["prec"]}
    return {"split": node["split"], "at": str(node["at"]),
            "children": [serialize(c) for c in node["children"]]}


def forall_certificate(out, strict: bool, form, obligations, end_rules, subs=()):
    """(margin, certificate) of the search outcome ``out`` that proved ``form`` > 0 (>= 0),
    with its obligation records, end rules and compactifying substitutions."""
    m = margin(out, strict)
    cert = {"kind": "forall",
            **({"powers": {s["var"]: s["power"] for s in subs}} if any(s["power"] != 1 for s in subs) else {}),
            "problem": {"form": form.certificate(), "obligations": obligations,
                        "end_rules": [{"var": r.index, "side": r.side, "value": str(r.value),
                                       "order": r.order} for r in end_rules]},
            "tree": serialize(out.tree),
            "margin": m,
            "margin_point": None if out.min_point_at is None else [str(q) for q in out.min_point_at]}
    return m, cert
