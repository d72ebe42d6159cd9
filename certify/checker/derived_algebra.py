"""The algebraic derivation rules: ``combine``, ``substitute``, ``cover`` (``certify.checker.derived``)."""
from __future__ import annotations

import sympy

from . import arith as A
from . import terms as T
from .derived_statement import STRICTER, Statement, applies, range_inside
from .evaluate import value
from .reader import Range, read_expr, read_rational
from .terms import CheckError


# -- combine ---------------------------------------------------------------------------------------

def _polynomial(t: T.Term, atoms: dict):
    """t as a sympy rational function of its variables and atoms (atom symbols keyed by the
    interned term, so equal subterms are one atom); a division is a quotient (its denominator
    is nonzero wherever the term is defined)."""
    memo: dict = {}
    for s in T.postorder([t]):
        a = [memo[id(x)] for x in s.args]
        op = s.op
        if op == "num":
            v = sympy.Rational(int(s.data.p), int(s.data.q))
        elif op == "var":
            v = sympy.Symbol("v_" + s.data)
        elif op == "neg":
            v = -a[0]
        elif op in ("add", "sub", "mul"):
            v = a[0] + a[1] if op == "add" else a[0] - a[1] if op == "sub" else a[0] * a[1]
        elif op == "div":
            v = a[0] / a[1]
        elif op == "pown":
            v = a[0] ** s.data
        else:
            v = atoms.setdefault(id(s), (sympy.Symbol(f"atom{len(atoms)}"), s))[0]
        memo[id(s)] = v
    return memo[id(t)]


def _defined_constant(t: T.Term) -> bool:
    """t has no variable and the checker's decorated arithmetic shows it defined (1/pi, sqrt(2))."""
    if T.variables(t):
        return False
    return value(t, {})[1] >= A.DEF


def combine(conc: Statement, cert, premise):
    terms = cert.get("terms")
    if not isinstance(terms, list) or not terms or conc.rel == "=":
        raise CheckError("combine: no terms")
    atoms: dict = {}
    target = _polynomial(conc.S, atoms)               # first: its atoms are the conclusion's
    conc_atoms = [t for _, t in atoms.values()]
    total = 0
    strict = False
    known: set = set()
    for term in terms:
        if not isinstance(term, dict) or set(term) != {"premise", "coef", "factors"} or \
                not isinstance(term["factors"], list):
            raise CheckError("combine: a malformed term")
        pid = term["premise"]
        p = premise(pid)
        applies(p, conc, pid)
        c = read_rational(term["coef"])
        if p.rel != "=" and not c > 0:
            raise CheckError(f"combine: the coefficient of inequality premise {pid} is not positive")
        if c == 0:
            raise CheckError(f"combine: a zero coefficient for {pid}")
        product = _polynomial(p.S, atoms) * sympy.Rational(int(c.p), int(c.q))
        strict_term = p.rel == ">" and c > 0
        known |= {id(s) for s in T.postorder([p.S])}
        for fid in term["factors"]:
            f = premise(fid)
            applies(f, conc, fid)
            if f.rel == "=":
                raise CheckError(f"combine: factor premise {fid} is an identity, not a sign")
            product *= _polynomial(f.S, atoms)
            strict_term = strict_term and f.rel == ">"
            known |= {id(s) for s in T.postorder([f.S])}
        total += product
        strict = strict or strict_term
    quotients = [t for t in T.postorder([conc.S]) if t.op == "div" or (t.op == "pown" and t.data < 0)]
    missing = [t for t in conc_atoms + quotients if id(t) not in known and not _defined_constant(t)]
    if missing:
        raise CheckError("combine: the conclusion has a subterm no premise shows defined")
    rest = sympy.expand(target - total)
    if not rest.is_Rational:
        rest = sympy.cancel(sympy.together(rest))
    if not rest.is_Rational or rest < 0:
        raise CheckError("combine: the conclusion is not the stated combination of the premises")
    if conc.rel == ">" and not strict and rest == 0:
        raise CheckError("combine: a strict conclusion from no strict term")


# -- substitute ------------------------------------------------------------------------------------

def substitute(conc: Statement, cert, premise):
    if not isinstance(cert.get("var"), str) or not isinstance(cert.get("bounds"), list):
        raise CheckError("substitute: malformed data")
    pid, x = cert.get("premise"), cert["var"]
    p = premise(pid)
    if p.rel == "=" or x not in p.domain.names or x in conc.domain.names:
        raise CheckError(f"substitute: {x} is not a variable of premise {pid} alone")
    applies(p, conc, pid, skip=x)
    u = read_expr(cert.get("value"), conc.names)
    X = p.domain.ranges[p.domain.names.index(x)]
    if T.substitute(p.lhs, {x: u}) is not conc.lhs or T.substitute(p.rhs, {x: u}) is not conc.rhs \
            or p.op != conc.op:
        raise CheckError(f"substitute: the conclusion is not premise {pid} with {x} replaced")
    need = {"lo": X.lo, "hi": X.hi}
    shown = u.op == "var"
    for bid in cert["bounds"]:
        b = premise(bid)
        applies(b, conc, bid)
        small, strict, big = b.ordered()
        if big is u and need["lo"] is not None and _is_end(small, X.lo) and (strict or not X.lo_open):
            need["lo"] = None
        elif small is u and need["hi"] is not None and _is_end(big, X.hi) and (strict or not X.hi_open):
            need["hi"] = None
        else:
            raise CheckError(f"substitute: premise {bid} does not bound {x}'s image by an end of its range")
        shown = True
    if need["lo"] is not None or need["hi"] is not None:
        raise CheckError(f"substitute: the image of {x} is not shown inside its range")
    if not shown:
        raise CheckError(f"substitute: nothing shows the image of {x} defined")


def _is_end(t: T.Term, end) -> bool:
    """t is the range's end: the same term (an expression end) or the same rational."""
    if isinstance(end, T.Term):
        return t is end
    return t.op == "num" and t.data == end


# -- cover -----------------------------------------------------------------------------------------

def cover(conc: Statement, cert, premise):
    v, ids = cert.get("var"), cert.get("premises")
    if v not in conc.domain.names or not isinstance(ids, list) or not ids:
        raise CheckError("cover: malformed data")
    conc.require_box("cover")
    pieces = []
    for pid in ids:
        p = premise(pid)
        if any(not r.exact_ends for n, r in zip(p.domain.names, p.domain.ranges) if n != v):
            raise CheckError(f"cover: premise {pid} has an expression end outside {v}")
        if p.lhs is not conc.lhs or p.rhs is not conc.rhs or p.op not in (conc.op, STRICTER.get(conc.op)):
            raise CheckError(f"cover: premise {pid} is not the conclusion's statement")
        if set(p.domain.names) != set(conc.domain.names):
            raise CheckError(f"cover: premise {pid} has other variables")
        applies(p, conc, pid, skip=v)
        pieces.append(p.domain.ranges[p.domain.names.index(v)])
    target = conc.domain.ranges[conc.domain.names.index(v)]
    if all(r.exact_ends for r in pieces):
        if not _covers(pieces, target):
            raise CheckError(f"cover: the premises' ranges of {v} do not cover the conclusion's")
        return
    _split(pieces, target, conc, cert.get("defined"), premise)


def _split(pieces, target: Range, conc: Statement, defined, premise):
    """Two pieces [lo, m] and [m, hi] that meet at an expression m (closed in one of them)
    cover [lo, hi] wherever m is defined, wherever m lies; one of the premises ``defined`` (a
    box domain containing the conclusion's, m a subterm of a side) shows it defined everywhere."""
    if len(pieces) != 2:
        raise CheckError("cover: a split at an expression takes exactly two pieces")
    left, right = pieces
    m = left.hi
    if not isinstance(m, T.Term) or right.lo is not m or (left.hi_open and right.lo_open) \
            or isinstance(left.lo, T.Term) or isinstance(right.hi, T.Term):
        raise CheckError("cover: the pieces do not meet at one expression")
    if not (range_inside(Range(target.lo, None, target.lo_open, True), Range(left.lo, None, left.lo_open, True))
            and range_inside(Range(None, target.hi, True, target.hi_open), Range(None, right.hi, True, right.hi_open))):
        raise CheckError("cover: the pieces do not reach the conclusion's ends")
    for did in defined if isinstance(defined, list) else []:
        d = premise(did)
        d.require_box("cover")
        applies(d, conc, did)
        if id(m) in {id(s) for s in T.postorder([d.S])}:
            return
    raise CheckError("cover: no premise shows the split point defined")


def _covers(pieces, target: Range) -> bool:
    """The union of the ranges ``pieces`` contains ``target`` (exact ends, open or closed)."""
    # frontier: every point of target below f is covered; f itself iff f_in (f None: -oo)
    f, f_in = target.lo, target.lo_open or target.lo is None
    while True:
        if target.hi is not None and f is not None and (f > target.hi or (f == target.hi and (f_in or target.hi_open))):
            return True
        best = None
        for r in pieces:
            starts = r.lo is None or (f is not None and (r.lo < f or (r.lo == f and (f_in or not r.lo_open))))
            if not starts:
                continue
            if r.hi is None:
                return True
            if f is not None and (r.hi < f or (r.hi == f and (r.hi_open or f_in))):
                continue
            if best is None or r.hi > best[0] or (r.hi == best[0] and not r.hi_open):
                best = (r.hi, not r.hi_open)
        if best is None:
            return False
        f, f_in = best
