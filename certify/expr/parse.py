"""Read user-typed expressions into trees as written, without ``eval``.

A whitelist walk over Python's ``ast``: numbers, the declared variable names, ``pi`` and ``E``,
the operators + - * / ** (``^`` is rewritten to ``**`` first, see ``notation``) and unary minus, and calls of the
functions in ``nodes.FUNCTIONS`` (and ``min``/``max``).  Decimal literals are read from the
source text, so ``0.18`` is exactly 9/50.  Anything else (attributes, subscripts, lambdas,
keywords, unknown names, ``__import__``) is a one-line ``CertifyInputError``; nothing typed
is ever executed.  No simplification happens here (see ``nodes``).
"""
from __future__ import annotations

import ast
from fractions import Fraction
from functools import lru_cache

from flint import fmpq

from ..errors import CertifyInputError
from . import nodes as N
from .notation import ascii_math

ALIASES = {"arcsin": "asin", "arccos": "acos", "arctan": "atan", "Abs": "abs",
           "arcsinh": "asinh", "arccosh": "acosh", "arctanh": "atanh"}
CONSTANTS = {"pi": N.PI, "E": N.E, "e": N.E}
RELATIONS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
_BINOPS = {ast.Add: N.add, ast.Sub: N.sub, ast.Mult: N.mul, ast.Div: N.div}


def _number(node: ast.Constant, source: str) -> N.Node:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CertifyInputError(f"unsupported literal {value!r}")
    if isinstance(value, int):
        return N.num(value)
    text = ast.get_source_segment(source, node)
    try:
        q = Fraction(text)
    except (TypeError, ValueError):
        raise CertifyInputError(f"malformed number {text!r}") from None
    return N.num(fmpq(q.numerator, q.denominator))


class _Reader:
    def __init__(self, source: str, names):
        self.source = source
        self.names = {n: N.var(n) for n in names}

    def read(self, node) -> N.Node:
        if isinstance(node, ast.Expression):
            return self.read(node.body)
        if isinstance(node, ast.Constant):
            return _number(node, self.source)
        if isinstance(node, ast.Name):
            if node.id in self.names:
                return self.names[node.id]
            if node.id in CONSTANTS:
                return CONSTANTS[node.id]
            raise CertifyInputError(f"unknown name '{node.id}' (declare it as a variable)")
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            value = self.read(node.operand)
            return N.neg(value) if isinstance(node.op, ast.USub) else value
        if isinstance(node, ast.BinOp):
            left, right = self.read(node.left), self.read(node.right)
            op = type(node.op)
            if op in _BINOPS:
                return _BINOPS[op](left, right)
            if op is ast.Pow:
                return N.power(left, right)
            raise CertifyInputError(f"operator '{op.__name__}' is not allowed")
        if isinstance(node, ast.Call):
            return self.call(node)
        raise CertifyInputError(f"'{type(node).__name__}' is not allowed in an expression")

    def call(self, node: ast.Call) -> N.Node:
        if not isinstance(node.func, ast.Name):
            raise CertifyInputError("only calls to known functions by name are allowed")
        name = ALIASES.get(node.func.id, node.func.id)
        if node.keywords:
            raise CertifyInputError(f"'{name}' takes no keyword arguments")
        args = [self.read(a) for a in node.args]
        if name in ("min", "max"):
            if len(args) < 2:
                raise CertifyInputError(f"'{name}' takes at least two arguments")
            out = args[0]
            for a in args[1:]:
                out = N.minimum(out, a) if name == "min" else N.maximum(out, a)
            return out
        if name not in N.FUNCTIONS:
            raise CertifyInputError(f"call to unknown function '{node.func.id}'")
        if len(args) != 1:
            raise CertifyInputError(f"'{name}' takes exactly one argument")
        return N.call(name, args[0])


def _tree(source: str):
    text = ascii_math(source).strip()
    try:
        return text, ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise CertifyInputError(f"malformed expression {source!r}: {exc.msg}") from None


def parse_expr(source: str, variables=()) -> N.Node:
    """The tree of ``source`` over the given variable names, exactly as written (remembered:
    trees are immutable and hash-consed, and the lemmas repeat their expressions)."""
    return _parse_expr(source, tuple(variables))


@lru_cache(maxsize=8192)
def _parse_expr(source: str, variables: tuple) -> N.Node:
    text, tree = _tree(source)
    return _Reader(text, variables).read(tree)


def parse_relation(source: str, variables=()):
    """``"lhs OP rhs"`` (OP one of < <= > >=) -> ``(lhs, op, rhs)`` trees."""
    parts = parse_relations(source, variables)
    if len(parts) != 1 or parts[0][1] == "==":
        raise CertifyInputError("expected one inequality 'lhs OP rhs' with OP in <, <=, >, >=")
    return parts[0]


def parse_relations(source: str, variables=()):
    """``"a OP b OP c ..."`` (OP one of < <= > >= ==) -> the list of ``(lhs, op, rhs)`` of each
    link of the chain (``0 < f < 1`` is ``0 < f`` and ``f < 1``)."""
    return list(_parse_relations(source, tuple(variables)))


@lru_cache(maxsize=4096)
def _parse_relations(source: str, variables: tuple):
    text, tree = _tree(source)
    body = tree.body
    ops = {**RELATIONS, ast.Eq: "=="}
    if not isinstance(body, ast.Compare) or any(type(o) not in ops for o in body.ops):
        raise CertifyInputError("expected a claim 'lhs OP rhs' (or a chain a < b < c) with OP in <, <=, >, >=, ==")
    reader = _Reader(text, variables)
    terms = [reader.read(body.left)] + [reader.read(c) for c in body.comparators]
    return tuple((terms[i], ops[type(o)], terms[i + 1]) for i, o in enumerate(body.ops))
