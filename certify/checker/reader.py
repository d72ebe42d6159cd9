"""The checker's own reader of the texts a certificate stores (a whitelist, never ``eval``).

Expressions: numbers (integers and exact decimals), ``pi``, ``E``, the domain's variables,
``+ - * / **`` with Python's precedence (``-x**2`` is ``-(x**2)``, ``**`` is right-associative),
parentheses and the functions of ``terms.FUNCTIONS`` plus ``min``/``max``.  Domains:
``"x in [a, b], y in (c, oo)"`` with exact rational ends, ``oo``/``-oo`` open; with
``expressions=True`` an end may also be an expression (``pi``, ``2*b``: a term, see
``checker.straighten``), never one that mentions its own variable.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from flint import fmpq

from . import terms as T
from .terms import CheckError

_TOKEN = re.compile(r"\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z_0-9]*)|(\*\*|[-+*/(),\[\]]))")


def _tokens(text: str):
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise CheckError(f"unreadable text at {text[pos:pos + 20]!r}")
        number, name, sym = m.groups()
        out.append(("num", number) if number else ("name", name) if name else ("sym", sym))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text, names):
        self.toks, self.i, self.names = _tokens(text), 0, set(names)

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self, sym=None):
        tok = self.peek()
        if tok[0] is None or (sym is not None and tok != ("sym", sym)):
            raise CheckError(f"expected {sym or 'more'} in an expression")
        self.i += 1
        return tok

    def expr(self):
        t = self.product()
        while self.peek() in (("sym", "+"), ("sym", "-")):
            op = "add" if self.take()[1] == "+" else "sub"
            t = T.binary(op, t, self.product())
        return t

    def product(self):
        t = self.unary()
        while self.peek() in (("sym", "*"), ("sym", "/")):
            op = "mul" if self.take()[1] == "*" else "div"
            t = T.binary(op, t, self.unary())
        return t

    def unary(self):
        if self.peek() == ("sym", "-"):
            self.take()
            return T.neg(self.unary())
        if self.peek() == ("sym", "+"):
            self.take()
            return self.unary()
        base = self.atom()
        if self.peek() == ("sym", "**"):
            self.take()
            return T.power(base, self.unary())
        return base

    def atom(self):
        kind, value = self.take()
        if kind == "num":
            return T.num(fmpq(*_fraction(value)))
        if kind == "name":
            if self.peek() == ("sym", "("):
                self.take("(")
                args = [self.expr()]
                while self.peek() == ("sym", ","):
                    self.take(",")
                    args.append(self.expr())
                self.take(")")
                return T.call(value, args)
            if value == "pi":
                return T.make("pi")
            if value == "E":
                return T.make("e")
            if value not in self.names:
                raise CheckError(f"unknown name {value!r} in an expression")
            return T.var(value)
        if value == "(":
            t = self.expr()
            self.take(")")
            return t
        raise CheckError(f"unexpected {value!r} in an expression")


MAX_EXPONENT = 100_000      # a decimal exponent beyond this would cost seconds to read exactly


def _fraction(text):
    mantissa, _, exponent = text.lower().partition("e")
    if exponent and abs(int(exponent)) > MAX_EXPONENT:
        raise CheckError(f"a number with a decimal exponent beyond {MAX_EXPONENT}: {text[:40]!r}")
    f = Fraction(text)
    return f.numerator, f.denominator


def read_expr(text: str, names) -> T.Term:
    if not isinstance(text, str):
        raise CheckError("an expression that is not text")
    return _read(text, tuple(names))


@lru_cache(maxsize=4096)
def _read(text: str, names: tuple) -> T.Term:
    p = _Parser(text, names)
    t = p.expr()
    if p.i != len(p.toks):
        raise CheckError(f"trailing text in expression {text!r}")
    return t


def read_rational(text) -> fmpq:
    """An exact rational written as text ('3/4', '-0.125', '7')."""
    t = read_expr(text, ()) if isinstance(text, str) else None
    if t is None or t.op != "num":
        raise CheckError(f"not an exact rational: {text!r}")
    return t.data


@dataclass(frozen=True)
class Range:
    """One variable's interval: exact ends (None: infinite, always open; a Term: an expression
    end, only in a domain read with ``expressions=True``)."""
    lo: fmpq | T.Term | None
    hi: fmpq | T.Term | None
    lo_open: bool
    hi_open: bool

    @property
    def exact_ends(self) -> bool:
        return not (isinstance(self.lo, T.Term) or isinstance(self.hi, T.Term))

    def contains(self, q: fmpq) -> bool:
        if not self.exact_ends:
            raise CheckError("membership in a range with expression ends (see checker.straighten)")
        above = self.lo is None or (q > self.lo if self.lo_open else q >= self.lo)
        below = self.hi is None or (q < self.hi if self.hi_open else q <= self.hi)
        return above and below


@dataclass(frozen=True)
class Domain:
    names: tuple
    ranges: tuple

    @property
    def is_box(self) -> bool:
        return all(r.exact_ends for r in self.ranges)

    def contains(self, point) -> bool:
        return all(r.contains(q) for r, q in zip(self.ranges, point))


def _end(p: _Parser, own: str, expressions: bool):
    if p.peek() == ("name", "oo"):
        p.take()
        return "oo"
    if p.peek() == ("sym", "-") and p.i + 1 < len(p.toks) and p.toks[p.i + 1] == ("name", "oo"):
        p.i += 2
        return "-oo"
    t = p.expr()
    if t.op == "num":
        return t.data
    if not expressions:
        raise CheckError("a domain end that is not an exact rational")
    if own in T.variables(t):
        raise CheckError(f"the range of {own} mentions {own}")
    return t


def read_domain(text: str, expressions: bool = False) -> Domain:
    """The domain of a claim record; expression ends only when ``expressions``."""
    if not isinstance(text, str):
        raise CheckError("a domain that is not text")
    declared = tuple(re.findall(r"([A-Za-z_][A-Za-z_0-9]*)\s+in\b", text)) if expressions else ()
    p = _Parser(text, declared)
    names, ranges = [], []
    while True:
        kind, name = p.take()
        if kind != "name" or p.take() != ("name", "in"):
            raise CheckError(f"malformed domain {text!r}")
        if expressions and (len(names) >= len(declared) or declared[len(names)] != name):
            raise CheckError(f"malformed domain {text!r}")
        left = p.take()[1]
        lo = _end(p, name, expressions)
        p.take(",")
        hi = _end(p, name, expressions)
        right = p.take()[1]
        if left not in "[(" or right not in ")]" or lo == "oo" or hi == "-oo":
            raise CheckError(f"malformed domain {text!r}")
        lo_open, hi_open = left == "(", right == ")"
        lo, hi = (None if lo == "-oo" else lo), (None if hi == "oo" else hi)
        if (lo is None and not lo_open) or (hi is None and not hi_open):
            raise CheckError(f"an infinite end must be open in {text!r}")
        exact = not (isinstance(lo, T.Term) or isinstance(hi, T.Term))
        if exact and lo is not None and hi is not None and (lo > hi or (lo == hi and (lo_open or hi_open))):
            raise CheckError(f"an empty range in {text!r}")
        if name in names:
            raise CheckError(f"variable {name} twice in {text!r}")
        names.append(name)
        ranges.append(Range(lo, hi, lo_open, hi_open))
        if p.i == len(p.toks):
            return Domain(tuple(names), tuple(ranges))
        p.take(",")
