"""Float64 evaluation of a tree on numpy arrays (not a proof: sampling, cross-checks, the
simulator).  Real semantics: NaN wherever the expression as written is undefined (sqrt or log
out of domain, division by zero, x**(p/q) of a negative x), never a complex number.
"""
from __future__ import annotations

import numpy as np

from .nodes import Node, postorder

_UNARY = {
    "exp": np.exp, "sin": np.sin, "cos": np.cos, "tan": np.tan, "atan": np.arctan,
    "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh, "asinh": np.arcsinh, "abs": np.abs,
    "neg": np.negative,
    "sqrt": lambda x: np.where(x >= 0, np.sqrt(np.abs(x)), np.nan),
    "log": lambda x: np.where(x > 0, np.log(np.abs(x) + (x == 0)), np.nan),
    "asin": lambda x: np.where(np.abs(x) <= 1, np.arcsin(np.clip(x, -1, 1)), np.nan),
    "acos": lambda x: np.where(np.abs(x) <= 1, np.arccos(np.clip(x, -1, 1)), np.nan),
    "acosh": lambda x: np.where(x >= 1, np.arccosh(np.maximum(x, 1)), np.nan),
    "atanh": lambda x: np.where(np.abs(x) < 1, np.arctanh(np.clip(x, -0.9999999999999999, 0.9999999999999999)), np.nan),
    "sinc": lambda x: np.sinc(x / np.pi),
}


def _div(a, b):
    return np.where(b != 0, a / np.where(b != 0, b, 1.0), np.nan)


def _pown(x, n):
    if n >= 0:
        return x ** n
    return np.where(x != 0, 1.0 / np.where(x != 0, x, 1.0) ** (-n), np.nan)


def _rpow(x, p, q):
    ok = x > 0 if p < 0 else x >= 0
    return np.where(ok, np.abs(x) ** (p / q) if p >= 0 else np.where(x > 0, np.abs(x) + (x == 0), 1.0) ** (p / q), np.nan)


_PLANS: dict = {}      # root -> [(op, data, argument positions)]; nodes are hash-consed, immortal


def _plan(node: Node) -> list:
    plan = _PLANS.get(node)
    if plan is None:
        order = postorder([node])
        index = {id(n): i for i, n in enumerate(order)}
        plan = []
        for n in order:
            data = n.data
            if n.op == "num":
                data = float(data.p) / float(data.q) if abs(data.p) < 2 ** 1000 else float(data)
            plan.append((n.op, data, tuple(index[id(a)] for a in n.args)))
        _PLANS[node] = plan
    return plan


def evaluate(node: Node, env: dict):
    """The tree at numpy arrays ``env`` (name -> array); float64, NaN where undefined."""
    vals = []
    with np.errstate(all="ignore"):
        for op, data, args in _plan(node):
            a = [vals[i] for i in args]
            if op == "num":
                v = data
            elif op == "pi":
                v = np.pi
            elif op == "e":
                v = np.e
            elif op == "var":
                v = np.asarray(env[data], dtype=float)
            elif op == "add":
                v = a[0] + a[1]
            elif op == "sub":
                v = a[0] - a[1]
            elif op == "mul":
                v = a[0] * a[1]
            elif op == "div":
                v = _div(a[0], a[1])
            elif op == "pown":
                v = _pown(np.asarray(a[0], dtype=float), data)
            elif op == "rpow":
                v = _rpow(np.asarray(a[0], dtype=float), *data)
            elif op == "pow":
                v = np.where(a[0] > 0, np.abs(a[0]) ** a[1], np.nan)
            elif op == "min":
                v = np.minimum(a[0], a[1])
            elif op == "max":
                v = np.maximum(a[0], a[1])
            else:
                v = _UNARY[op](np.asarray(a[0], dtype=float))
            vals.append(v)
    return vals[-1]
