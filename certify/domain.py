"""Domains of claims: one interval per variable, each end closed, open or infinite.

Text form (CLI and lemmas alike): ``"b in (1/3, 1/2), z in [0, 1]"``, ``"z in [0, oo)"``.
Finite ends are exact rationals.  Unbounded ends are removed by an exact substitution
(``compactify``) before any interval evaluation: GUIDE §2, a claim on [1, oo) checked on
[1, 1000] is a false certificate.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import sympy

from .errors import CertifyInputError
from .exact import rational_str, to_rational
from .expr.notation import ascii_math

_INF = {"oo", "+oo", "inf", "+inf", "infinity"}
_NINF = {"-oo", "-inf", "-infinity"}
_CHAIN = re.compile(r"^\s*([^<>=]+?)\s*(<=|<)\s*([A-Za-z_][A-Za-z_0-9]*)\s*(<=|<)\s*([^<>=]+?)\s*$")
_ITEM = re.compile(r"^\s*([A-Za-z_][A-Za-z_0-9]*)\s+in\s+([\[\(])\s*([^,]+?)\s*,\s*([^,]+?)\s*([\]\)])\s*$")


@dataclass(frozen=True)
class Interval:
    """An interval with exact ends; ``lo is None`` means -oo and ``hi is None`` means +oo."""
    lo: sympy.Rational | None
    hi: sympy.Rational | None
    lo_open: bool = False
    hi_open: bool = False

    def __post_init__(self):
        if self.lo is None and not self.lo_open or self.hi is None and not self.hi_open:
            raise CertifyInputError("an infinite end must be open, e.g. [0, oo)")
        if self.lo is not None and self.hi is not None:
            if self.lo > self.hi:
                raise CertifyInputError(f"reversed range {self}")
            if self.lo == self.hi and (self.lo_open or self.hi_open):
                raise CertifyInputError(f"empty range {self}")

    @property
    def bounded(self) -> bool:
        return self.lo is not None and self.hi is not None

    def __str__(self):
        lo = "-oo" if self.lo is None else rational_str(self.lo)
        hi = "oo" if self.hi is None else rational_str(self.hi)
        return f"{'(' if self.lo_open else '['}{lo}, {hi}{')' if self.hi_open else ']'}"

    def contains(self, q) -> bool:
        q = to_rational(q)
        above = self.lo is None or (q > self.lo if self.lo_open else q >= self.lo)
        below = self.hi is None or (q < self.hi if self.hi_open else q <= self.hi)
        return above and below


def parse_end(text: str):
    t = text.strip()
    if t in _INF:
        return "oo"
    if t in _NINF:
        return "-oo"
    try:
        return to_rational(t)
    except CertifyInputError:
        if re.search(r"[A-Za-z]", t):
            raise CertifyInputError(f"domain end {t!r}: ends must be exact rationals for now "
                                    f"(for x in [0, pi] write x = pi*t with t in [0, 1])") from None
        raise


def parse_interval(text: str) -> Interval:
    m = re.match(r"^\s*([\[\(])\s*([^,]+?)\s*,\s*([^,]+?)\s*([\]\)])\s*$", text)
    if not m:
        raise CertifyInputError(f"malformed range {text!r}; write e.g. '[0, 1)' or '(1/3, oo)'")
    return _interval(*m.groups())


def _interval(left, lo_text, hi_text, right) -> Interval:
    lo, hi = parse_end(lo_text), parse_end(hi_text)
    if lo == "oo" or hi == "-oo":
        raise CertifyInputError(f"reversed range {left}{lo_text}, {hi_text}{right}")
    return Interval(None if lo == "-oo" else lo, None if hi == "oo" else hi,
                    lo_open=(left == "(") or lo == "-oo", hi_open=(right == ")") or hi == "oo")


@dataclass(frozen=True)
class Domain:
    """A box: ``names[i]`` ranges over ``intervals[i]``."""
    names: tuple[str, ...]
    intervals: tuple[Interval, ...]

    @property
    def symbols(self):
        return tuple(sympy.Symbol(n, real=True) for n in self.names)

    def __str__(self):
        return ", ".join(f"{n} in {iv}" for n, iv in zip(self.names, self.intervals))

    def interval(self, name: str) -> Interval:
        return self.intervals[self.names.index(name)]

    def with_interval(self, name: str, interval: Interval) -> "Domain":
        if name not in self.names:
            raise CertifyInputError(f"no variable '{name}' in domain {self}")
        ivs = list(self.intervals)
        ivs[self.names.index(name)] = interval
        return replace(self, intervals=tuple(ivs))


def parse_domain(text: str) -> Domain:
    """Parse ``"b in (1/3, 1/2), z in [0, 1]"``; also ``"0 <= z <= 1"``, ``"1/3 < b < 1/2"``
    and the unicode of ``certify.expr.notation`` (``z ∈ [0, ∞)``)."""
    items = re.split(r",(?![^\[\(]*[\]\)])", ascii_math(text))
    names, ivs = [], []
    for item in items:
        m, chain = _ITEM.match(item), _CHAIN.match(item)
        if m:
            name, parts = m.group(1), m.groups()[1:]
        elif chain:
            lo, op_lo, name, op_hi, hi = chain.groups()
            parts = ("(" if op_lo == "<" else "[", lo, hi, ")" if op_hi == "<" else "]")
        else:
            raise CertifyInputError(f"malformed domain item {item.strip()!r}; write e.g. 'z in [0, 1]' or '0 <= z <= 1'")
        if name in names:
            raise CertifyInputError(f"variable '{name}' declared twice")
        names.append(name)
        ivs.append(_interval(*parts))
    if not 1 <= len(names) <= 3:
        raise CertifyInputError("a claim takes one to three variables")
    return Domain(tuple(names), tuple(ivs))


# -- compactification ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Substitution:
    """``var = image(u)`` mapping the interval of ``u`` onto the original unbounded interval."""
    name: str
    image: sympy.Expr          # expression in the same-named symbol (u reuses the name)
    interval: Interval         # the new (bounded) interval of the variable


def compactify(domain: Domain) -> tuple[Domain, list[Substitution]]:
    """Replace each half-infinite variable ``v in [a, oo)`` by ``v = a - 1 + 1/u``,
    ``u in (0, 1]`` (and ``v in (-oo, b]`` by ``v = b + 1 - 1/u``).  The map is a bijection
    onto the original interval; the end u = 0 stands for infinity and is always open.
    Two-sided infinite ranges are refused (split them at 0 first)."""
    subs, ivs = [], []
    for name, iv in zip(domain.names, domain.intervals):
        v = sympy.Symbol(name, real=True)
        if iv.bounded:
            ivs.append(iv)
            continue
        if iv.lo is None and iv.hi is None:
            raise CertifyInputError(f"{name} in (-oo, oo): split the range at a finite point")
        one = sympy.Integer(1)
        if iv.hi is None:
            image = iv.lo - 1 + one / v
        else:
            image = iv.hi + 1 - one / v
        end_open = iv.lo_open if iv.hi is None else iv.hi_open
        new = Interval(sympy.Integer(0), one, lo_open=True, hi_open=end_open)
        subs.append(Substitution(name, image, new))
        ivs.append(new)
    return Domain(domain.names, tuple(ivs)), subs
