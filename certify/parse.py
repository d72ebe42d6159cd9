"""Parse user-typed expressions without ``eval``: a whitelist walk over Python's ``ast``.

Only numbers, the declared variable names, the operators + - * / ** and unary minus, and calls
to a fixed set of functions are accepted.  Decimal literals are read from the source text, so
"0.18" becomes exactly 9/50.  Anything else (attribute access, lambdas, subscripts, unknown
names, ``__import__``) is a one-line ``CertifyInputError``; nothing is ever executed.
"""
from __future__ import annotations

import ast

import sympy

from .errors import CertifyInputError
from .exact import to_rational

FUNCTIONS = {
    "sqrt": sympy.sqrt, "exp": sympy.exp, "log": sympy.log, "sin": sympy.sin, "cos": sympy.cos,
    "tan": sympy.tan, "asin": sympy.asin, "acos": sympy.acos, "atan": sympy.atan,
    "arcsin": sympy.asin, "arccos": sympy.acos, "arctan": sympy.atan, "sinc": sympy.sinc,
    "abs": sympy.Abs, "Abs": sympy.Abs, "sinh": sympy.sinh, "cosh": sympy.cosh,
    "tanh": sympy.tanh,
}
CONSTANTS = {"pi": sympy.pi, "E": sympy.E, "e": sympy.E, "oo": sympy.oo, "inf": sympy.oo}
RELATIONS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}


def _number(node: ast.Constant, source: str):
    if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
        raise CertifyInputError(f"unsupported literal {node.value!r}")
    text = ast.get_source_segment(source, node)
    return to_rational(text if isinstance(node.value, float) else node.value)


def _walk(node, source: str, names: dict):
    if isinstance(node, ast.Expression):
        return _walk(node.body, source, names)
    if isinstance(node, ast.Constant):
        return _number(node, source)
    if isinstance(node, ast.Name):
        if node.id in names:
            return names[node.id]
        if node.id in CONSTANTS:
            return CONSTANTS[node.id]
        raise CertifyInputError(f"unknown name '{node.id}' (declare it as a variable)")
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _walk(node.operand, source, names)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        left, right = _walk(node.left, source, names), _walk(node.right, source, names)
        op = type(node.op)
        if op is ast.Add:
            return left + right
        if op is ast.Sub:
            return left - right
        if op is ast.Mult:
            return left * right
        if op is ast.Div:
            if right == 0:
                raise CertifyInputError("division by zero in expression")
            return left / right
        if op is ast.Pow:
            return left ** right
        raise CertifyInputError(f"operator '{op.__name__}' is not allowed")
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name):
            raise CertifyInputError("only calls to known functions by name are allowed "
                                    f"({', '.join(sorted(set(FUNCTIONS)))})")
        if node.func.id not in FUNCTIONS:
            raise CertifyInputError(f"call to unknown function '{node.func.id}'")
        if node.keywords or len(node.args) != 1:
            raise CertifyInputError(f"'{node.func.id}' takes exactly one argument")
        return FUNCTIONS[node.func.id](_walk(node.args[0], source, names))
    raise CertifyInputError(f"'{type(node).__name__}' is not allowed in an expression")


def _parse_tree(source: str, mode="eval"):
    try:
        return ast.parse(source.strip(), mode=mode)
    except SyntaxError as exc:
        raise CertifyInputError(f"malformed expression {source!r}: {exc.msg}") from None


def parse_expr(source: str, variables=()) -> sympy.Expr:
    """Parse ``source`` into a sympy expression over the given variable names."""
    names = {v: sympy.Symbol(v, real=True) for v in variables}
    return sympy.sympify(_walk(_parse_tree(source), source.strip(), names))


def parse_relation(source: str, variables=()):
    """Parse ``"lhs OP rhs"`` (OP one of < <= > >=) into ``(lhs, op, rhs)``."""
    text = source.strip()
    tree = _parse_tree(text).body
    if not isinstance(tree, ast.Compare) or len(tree.ops) != 1 or type(tree.ops[0]) not in RELATIONS:
        raise CertifyInputError("expected one inequality 'lhs OP rhs' with OP in <, <=, >, >=")
    names = {v: sympy.Symbol(v, real=True) for v in variables}
    lhs = sympy.sympify(_walk(tree.left, text, names))
    rhs = sympy.sympify(_walk(tree.comparators[0], text, names))
    return lhs, RELATIONS[type(tree.ops[0])], rhs
