"""Canonical text of an expression: what certificates and reports store.

``parse_expr(to_text(e), names) is e`` for every tree ``e`` (hash-consing makes the round trip
an identity), so a certificate names the expression exactly as written.
"""
from __future__ import annotations

from functools import lru_cache

from .nodes import Node, postorder

_PREC = {"add": 1, "sub": 1, "mul": 2, "div": 2, "neg": 3, "pown": 4, "rpow": 4, "pow": 4}
_SYM = {"add": " + ", "sub": " - ", "mul": "*", "div": "/"}


def _number(q) -> str:
    if q.q == 1:
        return str(q.p)
    return f"{q.p}/{q.q}"


@lru_cache(maxsize=8192)
def to_text(node: Node) -> str:
    """The canonical text (remembered: nodes are hash-consed and kept, so a node's text never
    changes; a claim's record and its certificate ask for the same texts)."""
    memo: dict[int, tuple[str, int]] = {}
    for n in postorder([node]):
        memo[id(n)] = _render(n, memo)
    return memo[id(node)][0]


def _wrap(text_prec, need, strict=False):
    text, prec = text_prec
    return f"({text})" if prec < need or (strict and prec == need) else text


def _render(n: Node, memo) -> tuple[str, int]:
    op = n.op
    if op == "num":
        q = n.data
        if q.q == 1 and q.p >= 0:
            return str(q.p), 9
        return _number(q), (2 if q >= 0 else 0)
    if op in ("pi", "e"):
        return ("pi" if op == "pi" else "E"), 9
    if op == "var":
        return n.data, 9
    args = [memo[id(a)] for a in n.args]
    if op in _SYM:
        p = _PREC[op]
        left = _wrap(args[0], p)
        right = _wrap(args[1], p, strict=True)
        return f"{left}{_SYM[op]}{right}", p
    if op == "neg":
        return f"-{_wrap(args[0], 4)}", 3
    if op == "pown":
        return f"{_wrap(args[0], 5)}**{n.data if n.data >= 0 else f'({n.data})'}", 4
    if op == "rpow":
        p, q = n.data
        return f"{_wrap(args[0], 5)}**({p}/{q})", 4
    if op == "pow":
        return f"{_wrap(args[0], 5)}**{_wrap(args[1], 5)}", 4
    return f"{op}({', '.join(a[0] for a in args)})", 9
