"""ITF1788 (.itl) test-library harness for ``certify.expr.interval``.

Parses the portable IEEE 1788 test library in ``/work/shared/itf1788`` (``testcase NAME { ... }``
blocks, one ``op args = result;`` case a line), runs every case of an operation that certify
implements, and checks *soundness* only (tightness is not required):

(a) containment: the certify result contains the expected interval, and
(b) for decorated cases: the certify decoration (the evaluator's rule: the minimum of the local
    decoration and the input decorations) is no stronger than the expected one.

Conventions (the README of the library does not fix them; each choice below is the weakest
assumption about the data that keeps the checks sound):

* Numbers.  Hexadecimal floats are exact dyadic rationals.  A decimal literal that is not a
  dyadic rational (``0.1``, ``13.1``) is read as IEEE 1788 reads a decimal in an interval
  literal: the tightest binary64 interval containing it, ``[rd(v), ru(v)]``.  That interval
  contains both the exact decimal and the nearest double (the reading of the C++/Julia/Octave
  generators), so an input is only ever widened (sound for containment, and can only lower a
  decoration), and an expected end in decimal is replaced by the outward double, which contains
  every reading.  Every endpoint handed to certify is therefore a double, an exact arb.
* Expected results are binary64 intervals: the tightest *closed* binary64 interval around the
  range.  certify's result ends are exact arbs of any exponent and precision, so before comparing,
  the certify result is rounded outward to binary64 (a lower end ``c`` becomes ``rd(c)``, a
  value above the largest double rounds up to infinity, below the smallest subnormal to 0).  At
  ``flint.ctx.prec = 53`` certify's ends already are 53-bit numbers, so in the normal range
  this is the identity and the check is the literal ``expected <= result``; at prec 106 it
  accepts a result tighter than binary64 (``[e, e]`` vs ``[e-, e+]`` with ``e-`` > ``rd(e)``).
  It also accounts for overflow (``sqr [MAX, MAX] = [MAX, infinity]``) and underflow.
* Open ends.  Expected intervals are closures (``exp [-infinity, 0] = [0, 1]``, while the range
  is ``(0, 1]``), so a certify open end at the expected closed end is not by itself a failure;
  instead every such open end is *probed*: certify is evaluated at all corner points of the
  input box (the ITF inputs are closed) and if any corner gives exactly the open end value, the
  value is attained and the open end is a failure.  The counts are reported ("open@closure").
* Decorations.  An undecorated case is run with the inputs decorated by IEEE's newDec (com if
  bounded, dac if not; trv for empty) and only containment is checked.  In a decorated case an
  input without a suffix (only ``[empty]`` occurs) is trv.  IEEE degrades com to dac when the
  binary64 result overflows; certify's format has no overflow, so when the expected decoration
  is dac, every input is bounded, certify's result is bounded and it overflows binary64, com is
  accepted ("overflow-com").
* ``pow``: certify documents its real power as defined for x > 0 only (exp(y log x)); IEEE also
  defines 0**y = 0 for y > 0.  When the base interval contains 0 the containment check adds the
  point 0 to certify's result ("pow x=0"); certify's decoration there is trv, the weakest, so
  the decoration check is unaffected.

Backends.  The harness runs against ``certify.expr.interval`` (``CERTIFY``, the default) or the
checker's independent arithmetic ``certify.checker.arith`` (``checker_backend()``); a backend
is the operation table plus how to build a closed interval, the empty set and boundedness.

Run ``python tests/itf1788.py [--prec N] [--backend certify|checker]`` for the per-operation
summary.
"""
from __future__ import annotations

import math
import os
import re
import sys
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from itertools import product
from pathlib import Path

import flint
from flint import arb, fmpq

if __package__ in (None, ""):                      # run as a script from anywhere
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from certify.expr import interval as iv           # noqa: E402
from certify.expr.interval import Dec, Interval   # noqa: E402

ITF_DIR = Path(os.environ.get("ITF1788_DIR", "/work/shared/itf1788"))

DECS = {"com": Dec.COM, "dac": Dec.DAC, "def": Dec.DEF, "trv": Dec.TRV}
MAX_D = Fraction(sys.float_info.max)
MIN_SUB = Fraction(1, 2 ** 1074)


# -- the ITF side ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItfInterval:
    """A closed binary64 interval: lo / hi are Fractions (doubles) or None for -oo / +oo;
    ``empty`` for [empty]; ``dec`` is the decoration suffix (None when undecorated)."""
    lo: Fraction | None = None
    hi: Fraction | None = None
    empty: bool = False
    dec: Dec | None = None

    @property
    def bounded(self) -> bool:
        return not self.empty and self.lo is not None and self.hi is not None

    def __str__(self):
        if self.empty:
            s = "[empty]"
        else:
            lo = "-inf" if self.lo is None else repr(float(self.lo))
            hi = "+inf" if self.hi is None else repr(float(self.hi))
            s = f"[{lo}, {hi}]"
        return s + (f"_{self.dec.name.lower()}" if self.dec is not None else "")


@dataclass
class Case:
    file: str
    block: str
    lineno: int
    text: str
    op: str
    args: list = field(default_factory=list)     # ItfInterval or int
    expected: ItfInterval | None = None
    decorated: bool = False
    skip: str | None = None                       # reason, when the case is not run


@dataclass
class Block:
    file: str
    name: str
    cases: list


class ItlSyntaxError(ValueError):
    pass


_HEX = re.compile(r"([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$")
_DEC = re.compile(r"([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$")



def block_ids(blocks):
    """Test ids of the blocks: file stem and block name, numbered when repeated."""
    seen: dict = {}
    out = []
    for b in blocks:
        key = f"{Path(b.file).stem}:{b.name}"
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return out

def _round_double(q: Fraction, up: bool) -> Fraction | None:
    """The double next to q in the given direction (None = an infinity)."""
    if q > MAX_D:
        return None if up else MAX_D
    if q < -MAX_D:
        return -MAX_D if up else None
    if q == 0:
        return q
    if abs(q) < MIN_SUB:                             # below the smallest subnormal
        return (MIN_SUB if q > 0 else Fraction(0)) if up else (Fraction(0) if q > 0 else -MIN_SUB)
    d = q.numerator / q.denominator                 # correctly rounded (CPython int true division)
    fd = Fraction(d)
    if up and fd < q:
        d = math.nextafter(d, math.inf)
    elif not up and fd > q:
        d = math.nextafter(d, -math.inf)
    return None if math.isinf(d) else Fraction(d)


def parse_number(tok: str) -> tuple[Fraction, bool]:
    """(exact value, is a double).  Decimal and hexadecimal float literals."""
    m = _HEX.match(tok)
    if m:
        sign, ip, fp, ex = m.groups()
        fp = fp or ""
        if not ip and not fp:
            raise ItlSyntaxError(tok)
        v = Fraction(int(ip + fp or "0", 16), 16 ** len(fp)) * Fraction(2) ** int(ex or 0)
    else:
        m = _DEC.match(tok)
        if not m or not (m.group(2) or m.group(3)):
            raise ItlSyntaxError(tok)
        sign, ip, fp, ex = m.groups()
        fp = fp or ""
        e = int(ex or 0) - len(fp)
        if abs(e) > 2000:
            raise ItlSyntaxError(f"exponent out of range: {tok}")
        v = Fraction(int(ip + fp or "0")) * Fraction(10) ** e
    if sign == "-":
        v = -v
    return v, _round_double(v, False) == v


_ITV = re.compile(r"\[([^\]]*)\](?:_([a-z]+))?")


def parse_interval(body: str, dec: str | None) -> ItfInterval:
    d = None
    if dec is not None:
        if dec not in DECS:
            raise ItlSyntaxError(f"decoration _{dec}")
        d = DECS[dec]
    body = body.strip().lower()
    if body == "empty":
        return ItfInterval(empty=True, dec=d)
    if body == "entire":
        return ItfInterval(None, None, dec=d)
    parts = [p.strip() for p in body.split(",")]
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2:
        raise ItlSyntaxError(body)
    ends = []
    for i, p in enumerate(parts):
        if p.lstrip("+-") in ("infinity", "inf"):
            if (i == 0) != p.startswith("-"):
                raise ItlSyntaxError(f"bad infinite end {p!r}")
            ends.append(None)
            continue
        v, exact = parse_number(p)
        # a decimal that is no double: the tightest binary64 interval containing it
        ends.append(v if exact else _round_double(v, up=(i == 1)))
    lo, hi = ends
    if lo is not None and hi is not None and lo > hi:
        raise ItlSyntaxError(f"lo > hi in {body}")
    return ItfInterval(lo, hi, dec=d)


# -- operations -----------------------------------------------------------------------------------

OPS = {
    # ITF name: (certify callable taking the parsed args, signature)
    "neg": (iv.neg, "I"), "sqrt": (iv.sqrt, "I"), "exp": (iv.exp, "I"), "log": (iv.log, "I"),
    "sin": (iv.sin, "I"), "cos": (iv.cos, "I"), "tan": (iv.tan, "I"), "asin": (iv.asin, "I"),
    "acos": (iv.acos, "I"), "atan": (iv.atan, "I"), "sinh": (iv.sinh, "I"),
    "cosh": (iv.cosh, "I"), "tanh": (iv.tanh, "I"), "asinh": (iv.asinh, "I"),
    "acosh": (iv.acosh, "I"), "atanh": (iv.atanh, "I"), "abs": (iv.abs_, "I"),
    "recip": (iv.recip, "I"),
    "sqr": (lambda x: iv.pown(x, 2), "I"),
    "add": (iv.add, "II"), "sub": (iv.sub, "II"), "mul": (iv.mul, "II"), "div": (iv.div, "II"),
    "pow": (iv.pow_, "II"), "min": (iv.min_, "II"), "max": (iv.max_, "II"),
    "pown": (iv.pown, "In"),
}
assert all(v[0] is iv.UNARY.get(k, v[0]) for k, v in OPS.items())
assert all(v[0] is iv.BINARY.get(k, v[0]) for k, v in OPS.items())

SKIP_REASONS = {
    "rootn": "not in the test files (certify's root is x >= 0 only)",
    "pos": "no certify op (identity)",
    "atan2": "no certify op", "fma": "no certify op",
    "exp2": "no certify op (not composed)", "exp10": "no certify op (not composed)",
    "log2": "no certify op (not composed)", "log10": "no certify op (not composed)",
    "floor": "no certify op", "ceil": "no certify op", "trunc": "no certify op",
    "sign": "no certify op", "roundTiesToEven": "no certify op",
    "roundTiesToAway": "no certify op",
}


# -- parsing --------------------------------------------------------------------------------------

def _strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


_CASE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_\-]*)\s+(.*?)\s*=\s*(.*?)\s*;\s*$")
_TOKEN = re.compile(r"\[[^\]]*\](?:_[a-z]+)?|[^\s\[\]]+")


def parse_case(file: str, block: str, lineno: int, line: str) -> Case | None:
    m = _CASE.match(line)
    if not m:
        return None
    op, lhs, rhs = m.groups()
    case = Case(file, block, lineno, line.strip(), op)
    if op not in OPS:
        case.skip = SKIP_REASONS.get(op, "no certify op")
        return case
    if re.search(r"\[\s*nai\s*\]|_ill\b", line):
        case.skip = "nai / ill (no certify counterpart)"
        return case
    toks = _TOKEN.findall(lhs)
    sig = OPS[op][1]
    try:
        if len(toks) != len(sig):
            raise ItlSyntaxError(f"{len(toks)} operands for {op}")
        for t, kind in zip(toks, sig):
            if kind == "I":
                im = _ITV.fullmatch(t)
                if not im:
                    raise ItlSyntaxError(t)
                case.args.append(parse_interval(*im.groups()))
            else:
                case.args.append(int(t))
        rm = _ITV.fullmatch(rhs)
        if not rm:
            raise ItlSyntaxError(rhs)
        case.expected = parse_interval(*rm.groups())
    except (ItlSyntaxError, ValueError) as e:
        case.skip = f"unparsed: {e}"
        return case
    ivs = [a for a in case.args if isinstance(a, ItfInterval)] + [case.expected]
    case.decorated = any(a.dec is not None for a in ivs)
    return case


def parse_file(path: Path) -> list[Block]:
    text = _strip_comments(path.read_text())
    blocks, current = [], None
    for lineno, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s:
            continue
        m = re.match(r"testcase\s+(\S+)\s*\{$", s)
        if m:
            current = Block(path.name, m.group(1), [])
            blocks.append(current)
            continue
        if s == "}":
            current = None
            continue
        if current is None:
            continue
        c = parse_case(path.name, current.name, lineno, line)
        if c is not None:
            current.cases.append(c)
    return blocks


def load_blocks(directory: Path = ITF_DIR) -> list[Block]:
    return [b for p in sorted(directory.glob("*.itl")) for b in parse_file(p)]


@lru_cache(maxsize=None)
def supported_blocks(directory: Path = ITF_DIR) -> list[Block]:
    """Read once per process (the certify and the checker conformance tests share them)."""
    return [b for b in load_blocks(directory) if any(c.skip is None for c in b.cases)]


# -- conversion to certify and the checks ---------------------------------------------------------

@dataclass
class Backend:
    """An interval implementation under test.  ``ops``: ITF op name -> (callable, signature);
    each callable returns (result, decoration as a ``Dec``).  ``closed(lo, hi)``: the closed
    interval between exact arbs (None for an infinite end); results have ``lo``, ``hi``,
    ``lo_open``, ``hi_open`` (None ends infinite)."""
    name: str
    ops: dict
    empty: object
    closed: object
    bounded: object


CERTIFY = Backend("certify.expr.interval", OPS, iv.EMPTY, Interval, lambda r: r.bounded)


def checker_backend() -> Backend:
    """``certify.checker.arith`` behind the same interface (its decorations 0..3 as ``Dec``)."""
    from certify.checker import arith as A
    dec = {A.TRV: Dec.TRV, A.DEF: Dec.DEF, A.DAC: Dec.DAC, A.COM: Dec.COM}

    def run(name, args, data=None):
        r, d = A.apply(name, tuple(args), data)
        return r, dec[d]

    ops = {name: ((lambda *a, _name=name: run(_name, a)), sig) for name, (_, sig) in OPS.items()}
    ops["pown"] = (lambda x, n: run("pown", (x,), n), "In")
    ops["sqr"] = (lambda x: run("pown", (x,), 2), "I")
    ops["recip"] = (lambda x: run("div", (A.point(1), x)), "I")
    return Backend("certify.checker.arith", ops, A.EMPTY, A.Iv, A.bounded)


def _arb(q: Fraction) -> arb:
    a = arb(fmpq(q.numerator, q.denominator))
    assert a.is_exact(), q                       # ITF ends are doubles: dyadic, exact
    return a


def to_certify(x: ItfInterval, backend: Backend = CERTIFY) -> tuple[object, Dec]:
    """A backend interval (closed finite ends, None for infinities) and its decoration: the
    suffix, or IEEE's newDec for an undecorated interval."""
    if x.empty:
        return backend.empty, Dec.TRV
    r = backend.closed(None if x.lo is None else _arb(x.lo), None if x.hi is None else _arb(x.hi))
    if x.dec is not None:
        return r, x.dec
    return r, Dec.COM if x.bounded else Dec.DAC


def _frac(a: arb) -> Fraction:
    m, e = a.man_exp()
    m, e = int(m), int(e)
    return Fraction(m * 2 ** e) if e >= 0 else Fraction(m, 2 ** -e)


_BIG, _SMALL = arb(sys.float_info.max), arb(fmpq(1, 2 ** 1075))


def _to_double(a: arb, up: bool) -> Fraction | None:
    """An exact arb rounded to binary64 in the given direction (None = an infinity)."""
    if a > _BIG:
        return None if up else MAX_D
    if a < -_BIG:
        return -MAX_D if up else None
    if abs(a) < _SMALL:
        q = Fraction(0) if a == 0 else (MIN_SUB / 2 if a > 0 else -MIN_SUB / 2)
        return _round_double(q, up)
    return _round_double(_frac(a), up)


def _evaluate(case: Case, args, backend: Backend = CERTIFY):
    return backend.ops[case.op][0](*args)


def _point_values(case: Case, cargs, backend: Backend = CERTIFY) -> list:
    """certify at every corner point of the (closed) input box: the exact values attained."""
    choices = []
    for a in cargs:
        if isinstance(a, int):
            choices.append([a])
        elif a is backend.empty:
            return []
        else:
            choices.append([backend.closed(e, e) for e in (a.lo, a.hi) if e is not None])
    vals = []
    for corner in product(*choices):
        r, _ = _evaluate(case, corner, backend)
        if r is not backend.empty and backend.bounded(r) and r.lo == r.hi and r.lo.is_exact():
            vals.append(r.lo)
    return vals


INCREASING = {"exp", "sqrt", "log", "sinh", "asinh", "tanh", "atan", "acosh", "atanh", "asin"}


def _overflow_ok(case: Case, upper: bool) -> bool:
    """A finite certify end beyond the binary64 range against an expected infinite end: sound
    when the range is bounded on that side, i.e. every input is bounded, or (a unary increasing
    function) the input end on the same side is finite."""
    ivs = [a for a in case.args if isinstance(a, ItfInterval)]
    if all(a.bounded for a in ivs):
        return True
    x = ivs[0]
    return case.op in INCREASING and (x.hi if upper else x.lo) is not None


def _containment(case, res, r_empty, lo_d, hi_d, tags, point_zero=False) -> list[str]:
    """Failures of "expected is contained in the binary64 hull [lo_d, hi_d] of the result"."""
    exp = case.expected
    if r_empty:
        return ["result empty"]
    fail = []
    if exp.lo is None:
        if lo_d is not None:
            fail.append("lower end finite, expected -infinity")
        elif not point_zero and res.lo is not None:
            if _overflow_ok(case, False):
                tags.add("overflow")
            else:
                fail.append("lower end finite (beyond binary64) for an unbounded input")
    elif lo_d is not None and lo_d > exp.lo:
        fail.append("lower end above expected")
    if exp.hi is None:
        if hi_d is not None:
            fail.append("upper end finite, expected +infinity")
        elif not point_zero and res.hi is not None:
            if _overflow_ok(case, True):
                tags.add("overflow")
            else:
                fail.append("upper end finite (beyond binary64) for an unbounded input")
    elif hi_d is not None and hi_d < exp.hi:
        fail.append("upper end below expected")
    return fail


def _pow_at_zero(case: Case) -> bool:
    """pow with a base containing 0 and an exponent with a positive part."""
    if case.op != "pow":
        return False
    x, y = case.args
    return (not x.empty and not y.empty and (x.lo is None or x.lo <= 0)
            and (x.hi is None or x.hi >= 0) and (y.hi is None or y.hi > 0))


def check_case(case: Case, backend: Backend = CERTIFY) -> tuple[bool, str, set]:
    """(passed, message, tags) of one case at the current flint.ctx.prec."""
    tags = set()
    cargs, in_decs = [], []
    for a in case.args:
        if isinstance(a, int):
            cargs.append(a)
        else:
            x, d = to_certify(a, backend)
            if case.decorated and a.dec is None:
                d = Dec.TRV if a.empty else d
            cargs.append(x)
            in_decs.append(d)
    res, local = _evaluate(case, cargs, backend)
    dec = min([local] + in_decs)
    exp = case.expected
    fail = []

    # (a) containment, at binary64 resolution
    if res is backend.empty:
        r_empty, lo_d, hi_d = True, None, None
    else:
        r_empty = False
        lo_d = None if res.lo is None else _to_double(res.lo, up=False)
        hi_d = None if res.hi is None else _to_double(res.hi, up=True)
    if not exp.empty:
        bad = _containment(case, res, r_empty, lo_d, hi_d, tags)
        if bad and _pow_at_zero(case):
            # IEEE's 0**y = 0 (y > 0), outside certify's documented domain x > 0
            z = Fraction(0)
            if r_empty:
                bad2 = _containment(case, res, False, z, z, set(), point_zero=True)
            else:
                bad2 = _containment(case, res, False, None if lo_d is None else min(lo_d, z),
                                    None if hi_d is None else max(hi_d, z), set())
            if not bad2:
                bad = []
                tags.add("pow x=0")
        fail += bad
        # open ends: attained at a corner of the input?
        if not fail and not r_empty and (
                (res.lo is not None and res.lo_open) or (res.hi is not None and res.hi_open)):
            pts = _point_values(case, cargs, backend)
            for end, is_open, name in ((res.lo, res.lo_open, "lower"), (res.hi, res.hi_open, "upper")):
                if end is None or not is_open:
                    continue
                if any(p == end for p in pts):
                    fail.append(f"{name} end open but attained at an input corner")
                elif (name == "lower" and exp.lo is not None and lo_d == exp.lo) or (
                        name == "upper" and exp.hi is not None and hi_d == exp.hi):
                    tags.add("open@closure")

    # (b) decoration no stronger than expected
    if case.decorated:
        allowed = exp.dec if exp.dec is not None else Dec.TRV
        if allowed == Dec.DAC and dec == Dec.COM and res is not backend.empty and (
                backend.bounded(res)) and (lo_d is None or hi_d is None) and all(
                a.bounded for a in case.args if isinstance(a, ItfInterval)):
            allowed = Dec.COM
            tags.add("overflow-com")
        if dec > allowed:
            fail.append(f"decoration {dec.name} stronger than expected {allowed.name}")

    msg = "" if not fail else (f"{case.file}:{case.lineno}: {case.text}\n"
                               f"    certify: {res}_{dec.name.lower()}  ({'; '.join(fail)})")
    return not fail, msg, tags


def mutant_failures(blocks, op: str, mutate, backend: Backend = CERTIFY) -> int:
    """How many supported cases of ``op`` fail once its callable is wrapped by ``mutate`` (the
    harness's own test: a deliberately unsound operation must be caught)."""
    old = backend.ops[op]
    backend.ops[op] = (mutate(old[0]), old[1])
    try:
        return sum(not check_case(c, backend)[0] for b in blocks for c in b.cases
                   if c.skip is None and c.op == op)
    finally:
        backend.ops[op] = old


def run_block(block: Block, backend: Backend = CERTIFY) -> list[str]:
    """Failure messages of a block's supported cases at the current precision."""
    return [msg for c in block.cases if c.skip is None
            for ok, msg, _ in [check_case(c, backend)] if not ok]


# -- summary --------------------------------------------------------------------------------------

def summary(directory: Path = ITF_DIR, prec: int | None = None, out=sys.stdout,
            backend: Backend = CERTIFY) -> dict:
    old = flint.ctx.prec
    if prec is not None:
        flint.ctx.prec = prec
    try:
        stats: dict = {}
        failures = []
        for b in load_blocks(directory):
            for c in b.cases:
                s = stats.setdefault(c.op, {"cases": 0, "passed": 0, "failed": 0, "skipped": 0,
                                            "reasons": set(), "tags": {}})
                s["cases"] += 1
                if c.skip is not None:
                    s["skipped"] += 1
                    s["reasons"].add(c.skip)
                    continue
                ok, msg, tags = check_case(c, backend)
                s["passed" if ok else "failed"] += 1
                for t in tags:
                    s["tags"][t] = s["tags"].get(t, 0) + 1
                if not ok:
                    failures.append(msg)
    finally:
        flint.ctx.prec = old
    print(f"ITF1788 soundness of {backend.name} at prec {prec or old}  ({directory})", file=out)
    print(f"{'op':<18}{'cases':>6}{'passed':>8}{'failed':>8}{'skipped':>9}  notes", file=out)
    tot = {"cases": 0, "passed": 0, "failed": 0, "skipped": 0}
    for op in sorted(stats, key=lambda o: (o not in OPS, o)):
        s = stats[op]
        for k in tot:
            tot[k] += s[k]
        notes = ", ".join(f"{k}: {v}" for k, v in sorted(s["tags"].items()))
        if s["reasons"]:
            notes = "; ".join(sorted(s["reasons"]))
        print(f"{op:<18}{s['cases']:>6}{s['passed']:>8}{s['failed']:>8}{s['skipped']:>9}  {notes}",
              file=out)
    print(f"{'total':<18}{tot['cases']:>6}{tot['passed']:>8}{tot['failed']:>8}{tot['skipped']:>9}",
          file=out)
    for m in failures:
        print(m, file=out)
    return stats


if __name__ == "__main__":
    precs = [53, 106]
    if "--prec" in sys.argv:
        precs = [int(sys.argv[sys.argv.index("--prec") + 1])]
    chosen = CERTIFY
    if "--backend" in sys.argv:
        name = sys.argv[sys.argv.index("--backend") + 1]
        if name not in ("certify", "checker"):
            sys.exit(f"unknown backend {name!r} (certify or checker)")
        chosen = checker_backend() if name == "checker" else CERTIFY
    for p in precs:
        summary(prec=p, backend=chosen)
        print()
