"""Domains of claims: one interval per variable, each end closed, open or infinite.

Text form (CLI and lemmas alike): ``"b in (1/3, 1/2), z in [0, 1]"``, ``"z in [0, oo)"``,
``"x in [0, pi]"``, ``"b in [1, oo), z in [7/5, 2*b]"``.  A finite end is an exact rational or
an exact expression (a constant such as pi/2 or sqrt(2), or a function of the domain's other
variables: a range that depends on them).  A domain whose ends are all rationals or infinite is
a *box*; every other end is removed by the exact affine substitution of ``certify.straighten``
before anything is evaluated (a claim on [0, pi] is about exactly [0, π], never a rounded pi),
and unbounded ends by an exact substitution (``compactify``): GUIDE §2, a claim on [1, oo)
checked on [1, 1000] is a false certificate.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

import sympy
from flint import fmpq

from .errors import CertifyInputError
from .exact import rational_str, to_rational
from .expr import nodes as N
from .expr.notation import ascii_math
from .expr.text import to_text

_INF = {"oo", "+oo", "inf", "+inf", "infinity"}
_NINF = {"-oo", "-inf", "-infinity"}
_CHAIN = re.compile(r"^\s*([^<>=]+?)\s*(<=|<)\s*([A-Za-z_][A-Za-z_0-9]*)\s*(<=|<)\s*([^<>=]+?)\s*$")
_ITEM = re.compile(r"^\s*([A-Za-z_][A-Za-z_0-9]*)\s+in\s+([\[\(])\s*([^,]+?)\s*,\s*([^,]+?)\s*([\]\)])\s*$")


def is_expression(end) -> bool:
    """An end that is an expression tree (not a rational, not infinite)."""
    return isinstance(end, N.Node)


def end_text(end, infinite: str) -> str:
    if end is None:
        return infinite
    return to_text(end) if is_expression(end) else rational_str(end)


@dataclass(frozen=True)
class Interval:
    """An interval with exact ends; ``lo is None`` means -oo and ``hi is None`` means +oo.  An
    end is a sympy Rational or an expression tree (``certify.expr.nodes``, compared as written)."""
    lo: sympy.Rational | N.Node | None
    hi: sympy.Rational | N.Node | None
    lo_open: bool = False
    hi_open: bool = False

    def __post_init__(self):
        if self.lo is None and not self.lo_open or self.hi is None and not self.hi_open:
            raise CertifyInputError("an infinite end must be open, e.g. [0, oo)")
        if is_expression(self.lo) or is_expression(self.hi):
            _check_constant_order(self)
        elif self.lo is not None and self.hi is not None:
            if self.lo > self.hi:
                raise CertifyInputError(f"reversed range {self}")
            if self.lo == self.hi and (self.lo_open or self.hi_open):
                raise CertifyInputError(f"empty range {self}")

    @property
    def bounded(self) -> bool:
        return self.lo is not None and self.hi is not None

    @property
    def exact_ends(self) -> bool:
        """Both ends rationals or infinite (no expression end)."""
        return not (is_expression(self.lo) or is_expression(self.hi))

    def __str__(self):
        lo, hi = end_text(self.lo, "-oo"), end_text(self.hi, "oo")
        return f"{'(' if self.lo_open else '['}{lo}, {hi}{')' if self.hi_open else ']'}"

    def contains(self, q) -> bool:
        """Is the rational q (an fmpq, or anything ``to_rational`` reads) in the interval?"""
        if not self.exact_ends:
            raise CertifyInputError("internal: membership in a range with expression ends")
        if isinstance(q, fmpq):        # compared with the ends as fmpq (no sympy on the sampling path)
            lo, hi = self._fmpq_ends
        else:
            q, lo, hi = to_rational(q), self.lo, self.hi
        above = lo is None or (q > lo if self.lo_open else q >= lo)
        below = hi is None or (q < hi if self.hi_open else q <= hi)
        return above and below

    @functools.cached_property
    def _fmpq_ends(self):
        return tuple(None if e is None else fmpq(int(e.p), int(e.q)) for e in (self.lo, self.hi))


def _check_constant_order(iv: Interval):
    """Ends that are constants (no variable) must be ordered: decided in arb, exactly when the
    two ends are the same expression."""
    lo, hi = iv.lo, iv.hi
    if lo is None or hi is None or N.variables(end_tree(lo)) or N.variables(end_tree(hi)):
        return
    if end_tree(lo) is end_tree(hi):
        if iv.lo_open or iv.hi_open:
            raise CertifyInputError(f"empty range {iv}")
        return
    from .expr.tape import Tape
    vals, decs = Tape([[N.sub(end_tree(hi), end_tree(lo))]], ()).intervals([])
    from .expr import interval as I
    if decs[-1] < I.DEF:
        raise CertifyInputError(f"range {iv}: an end is not a defined real number")
    if vals[-1].certainly_negative():
        raise CertifyInputError(f"reversed range {iv}")
    if not vals[-1].certainly_positive():
        raise CertifyInputError(f"range {iv}: cannot decide that its ends are ordered")


def end_tree(end) -> N.Node:
    """A finite end as a tree (a rational end as its number)."""
    return end if is_expression(end) else N.num(fmpq(int(end.p), int(end.q)))


def parse_end(text: str, names=()):
    """"oo", "-oo", an exact rational, or an expression tree over ``names`` (pi/2, sqrt(2), 2*b)."""
    t = text.strip()
    if t in _INF:
        return "oo"
    if t in _NINF:
        return "-oo"
    try:
        return to_rational(t)
    except CertifyInputError:
        if not re.search(r"[A-Za-z(]", t):
            raise
    from .expr.parse import parse_expr
    tree = parse_expr(t, names)
    if tree.op == "num":
        return to_rational(tree.data)
    return tree


def parse_interval(text: str) -> Interval:
    """A range of exact ends without variables: '[0, 1)', '(1/3, oo)', '[0, pi/2]'."""
    m = re.match(r"^\s*([\[\(])\s*([^,]+?)\s*,\s*([^,]+?)\s*([\]\)])\s*$", text)
    if not m:
        raise CertifyInputError(f"malformed range {text!r}; write e.g. '[0, 1)' or '(1/3, oo)'")
    return _interval(*m.groups())


def _interval(left, lo_text, hi_text, right, names=()) -> Interval:
    lo, hi = parse_end(lo_text, names), parse_end(hi_text, names)
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
        return self.text

    @functools.cached_property
    def text(self) -> str:
        """'x in [0, 1], y in (0, oo)' (remembered: a claim's record asks for it each time)."""
        return ", ".join(f"{n} in {iv}" for n, iv in zip(self.names, self.intervals))

    @functools.cached_property
    def is_box(self) -> bool:
        """Every end a rational or infinite: what the search and every rule work on."""
        return all(iv.exact_ends for iv in self.intervals)

    def require_box(self, what: str):
        """A one-line input error when ``what`` cannot take expression ends."""
        if not self.is_box:
            raise CertifyInputError(f"{what} takes rational or infinite domain ends only, not {self}")

    def dependencies(self, name: str) -> set:
        """The variables the ends of ``name``'s range mention."""
        iv = self.interval(name)
        return {v for e in (iv.lo, iv.hi) if is_expression(e) for v in N.variables(e)}

    def interval(self, name: str) -> Interval:
        return self.intervals[self.names.index(name)]

    def with_interval(self, name: str, interval: Interval) -> "Domain":
        if name not in self.names:
            raise CertifyInputError(f"no variable '{name}' in domain {self}")
        ivs = list(self.intervals)
        ivs[self.names.index(name)] = interval
        return replace(self, intervals=tuple(ivs))


@functools.lru_cache(maxsize=1024)
def parse_domain(text: str) -> Domain:
    """Parse ``"b in (1/3, 1/2), z in [0, 1]"``; also ``"0 <= z <= 1"``, ``"1/3 < b < 1/2"``
    and the unicode of ``certify.expr.notation`` (``z ∈ [0, ∞)``).  Remembered by text (a
    Domain is immutable; an input error is raised again each time)."""
    items = _split_items(ascii_math(text))
    parsed = []
    for item in items:
        m, chain = _ITEM.match(item), _CHAIN.match(item)
        if m:
            name, parts = m.group(1), m.groups()[1:]
        elif chain:
            lo, op_lo, name, op_hi, hi = chain.groups()
            parts = ("(" if op_lo == "<" else "[", lo, hi, ")" if op_hi == "<" else "]")
        else:
            raise CertifyInputError(f"malformed domain item {item.strip()!r}; write e.g. 'z in [0, 1]' or '0 <= z <= 1'")
        if any(name == n for n, _ in parsed):
            raise CertifyInputError(f"variable '{name}' declared twice")
        parsed.append((name, parts))
    if not 1 <= len(parsed) <= 3:
        raise CertifyInputError("a claim takes one to three variables")
    names = tuple(n for n, _ in parsed)
    domain = Domain(names, tuple(_interval(*parts, names) for _, parts in parsed))
    _check_acyclic(domain)
    return domain


def _split_items(text: str) -> list:
    """Split at the commas outside brackets (a range '[0, 1)' closes with either bracket)."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch in "[(") - (ch in "])")
        if ch == "," and depth == 0:
            items.append(text[start:i])
            start = i + 1
    return items + [text[start:]]


def _check_acyclic(domain: Domain):
    """No range may depend on its own variable, directly or through another range."""
    for name in domain.names:
        seen, todo = set(), [name]
        while todo:
            for v in domain.dependencies(todo.pop()):
                if v == name:
                    raise CertifyInputError(f"the range of '{name}' depends on '{name}' itself")
                if v not in seen:
                    seen.add(v)
                    todo.append(v)


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
