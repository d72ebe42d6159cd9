"""Rewrites remembered across runs: a sympy rewrite's resulting trees, stored as their text in
``certify.symcache`` and read back by the safe parser.

The cache file belongs to one version of certify's source (``symcache.code_digest``), so a
changed rule is never answered from an older run.  A result is stored only when its text
reads back as the very same (hash-consed) trees, so a run
with the cache searches exactly the forms a run without it does, and writes the same
certificates; any other result is recomputed every time.  Nothing stored is evaluated.
"""
from __future__ import annotations

from .expr.parse import parse_expr
from .expr.text import to_text
from .symcache import cached

_RECOMPUTE = "recompute"


def tree_key(F, names, sympy_form):
    """A cache key part for the tree F: its text when that reads back as F itself (no sympy
    is built), else ``sympy_form()`` (so two trees never share a key)."""
    text = to_text(F)
    try:
        if parse_expr(text, names) is F:
            return text
    except Exception:                      # outside the parser's grammar
        pass
    return sympy_form()


def remembered(name: str, inputs: tuple, names, compute):
    """``compute()``: a tuple of trees over ``names``, or None; remembered under ``name`` and the
    sympy ``inputs`` it is a function of."""
    fresh = []

    def texts():
        trees = compute()
        fresh.append(trees)
        if trees is None:
            return None
        out = [to_text(t) for t in trees]
        try:
            same = all(parse_expr(x, names) is t for x, t in zip(out, trees))
        except Exception:                  # the text is outside the parser's grammar
            same = False
        return out if same else _RECOMPUTE

    stored = cached(name, inputs, texts)
    if fresh:
        return fresh[0]
    if stored is None:
        return None
    try:
        if stored != _RECOMPUTE:
            return tuple(parse_expr(x, names) for x in stored)
    except Exception:                      # a foreign or damaged entry
        pass
    return compute()
