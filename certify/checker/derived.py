"""Derived claims: a conclusion that follows from premises by one rule, re-verified from texts.

A derived claim is inequality-shaped, ``for all (domain): lhs OP rhs``, and may mention
*quantities*: real functions of the domain's variables that nothing evaluates (the root ``a`` of
Lemma B.1, z_b of Lemma A.4), each declared with its meaning.  In the rules a quantity is an
opaque symbol; what is known about it are premises.

Premises are other entries of the same bundle, each bound to its own status there: inequality
records (read as S > 0 or S >= 0, S = lhs - rhs or rhs - lhs), identity records (S = lhs - rhs
= 0), and assumed or derived records (inequality-shaped).  A premise that holds says its sides
are defined at every point of its domain, hence so is every subterm of them: that is how a
conclusion inherits definedness.  Every premise's domain contains the conclusion's (its
variables are among the conclusion's, each range inside), and its quantities are among the
conclusion's with the same meaning.

Rules (their data is in the certificate; each is checked here, nothing is searched):

- ``combine``  S = sum_i c_i * prod_j F_ij * S_i as a polynomial identity in the *atoms* (the
  maximal subterms that are not +, -, *, a natural power or a division by a number; compared
  term for term, nothing simplified), c_i a rational, > 0 for an inequality premise; F_ij the
  S of a sign premise (F > 0 or F >= 0).  Then S >= 0, and S > 0 when some term has c_i > 0
  with a strict S_i and strict factors.  Every atom of the conclusion is a subterm of a
  premise (or a constant the checker's arithmetic shows defined, such as 1/pi), so the
  conclusion is defined wherever the premises hold.
- ``substitute``  from forall (x in X, y in Y): P(x, y) and premises lo <(=) u, u <(=) hi for
  the finite ends of X (strict at an open end), forall y: P(u, y).  The conclusion must be P
  with x replaced by u, term for term; u is defined because it is a side of a bound premise
  (or is a variable or quantity).
- ``cover``  the same statement (the same sides, the same or the strict relation) on
  sub-domains whose union along one variable is the conclusion's range of it.
- ``root``  a quantity defined as the root of a RootCount's polynomial between two consecutive
  points P_i < P_j of opposite signs (exactly one, simple: the polynomial has the sign at P_i
  left of it and the sign at P_j right of it) lies strictly between them, and a point c strictly
  between them with a proved sign of the polynomial at c is on the side of that sign.

In ``combine`` the difference S - sum may also be a rational constant >= 0 (strict when > 0).
A quantity's meaning is a text, or for ``root`` the definition {"root_of": id, "after": i}.
"""
from __future__ import annotations

import sympy

from . import arith as A
from . import terms as T
from .evaluate import value
from .reader import Domain, Range, read_domain, read_expr, read_rational
from .terms import CheckError

SHAPED = ("inequality", "assumed", "derived")
OPS = ("<", "<=", ">", ">=")
STRICTER = {"<=": "<", ">=": ">"}


class Statement:
    """A premise or conclusion read from its record: S rel 0 (rel '>', '>=' or '=')."""

    def __init__(self, kind, claim):
        if not isinstance(claim, dict):
            raise CheckError("a malformed claim record")
        keys = {"lhs", "rhs", "domain"} | ({"op"} if kind != "identity" else set())
        keys |= {"quantities"} if kind in ("assumed", "derived") else set()
        if kind not in SHAPED + ("identity",) or set(claim) != keys:
            raise CheckError(f"a {kind} record cannot be a premise or a derived claim")
        self.quantities = claim.get("quantities", {})
        if not isinstance(self.quantities, dict) or not all(
                isinstance(k, str) and isinstance(v, (str, dict)) for k, v in self.quantities.items()):
            raise CheckError("malformed quantities")
        self.domain = read_domain(claim["domain"])
        if set(self.quantities) & set(self.domain.names):
            raise CheckError("a quantity named like a variable")
        self.names = self.domain.names + tuple(sorted(self.quantities))
        self.lhs, self.rhs = (read_expr(claim[k], self.names) for k in ("lhs", "rhs"))
        self.op = claim.get("op", "==")
        if kind != "identity" and self.op not in OPS:
            raise CheckError(f"unknown relation {self.op!r}")
        if self.op in (">", ">=", "=="):
            self.S = T.binary("sub", self.lhs, self.rhs)
        else:
            self.S = T.binary("sub", self.rhs, self.lhs)
        self.rel = {"==": "=", ">": ">", "<": ">", ">=": ">=", "<=": ">="}[self.op]

    def ordered(self):
        """(small, strict, big): the relation read as small < big or small <= big."""
        if self.op in ("<", "<="):
            return self.lhs, self.op == "<", self.rhs
        if self.op in (">", ">="):
            return self.rhs, self.op == ">", self.lhs
        raise CheckError("an identity where a bound is needed")


def _range_inside(a: Range, b: Range) -> bool:
    """a is a subset of b."""
    lo = b.lo is None or (a.lo is not None and (a.lo > b.lo or (a.lo == b.lo and (a.lo_open or not b.lo_open))))
    hi = b.hi is None or (a.hi is not None and (a.hi < b.hi or (a.hi == b.hi and (a.hi_open or not b.hi_open))))
    return lo and hi


def _applies(prem: Statement, conc: Statement, pid: str, skip: str | None = None):
    """The premise's domain contains the conclusion's (variable ``skip`` excepted) and its
    quantities are the conclusion's, with the same meaning."""
    for name, r in zip(prem.domain.names, prem.domain.ranges):
        if name == skip:
            continue
        if name not in conc.domain.names:
            raise CheckError(f"premise {pid}: variable {name} is not the conclusion's")
        if not _range_inside(conc.domain.ranges[conc.domain.names.index(name)], r):
            raise CheckError(f"premise {pid}: its range of {name} does not contain the conclusion's")
    for q, meaning in prem.quantities.items():
        if conc.quantities.get(q) != meaning:
            raise CheckError(f"premise {pid}: quantity {q} is not the conclusion's")


# -- combine ---------------------------------------------------------------------------------------

def _polynomial(t: T.Term, atoms: dict):
    """t as a sympy polynomial in its variables and atoms (atom symbols keyed by the interned
    term, so equal subterms are one atom)."""
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
        elif op == "div" and s.args[1].op == "num":
            v = a[0] / a[1]
        elif op == "pown" and s.data >= 0:
            v = a[0] ** s.data
        else:
            v = atoms.setdefault(id(s), (sympy.Symbol(f"atom{len(atoms)}"), s))[0]
        memo[id(s)] = v
    return memo[id(t)]


def _top_atoms(t: T.Term) -> list:
    """The atoms of t (subterms that ``_polynomial`` does not open)."""
    atoms: dict = {}
    _polynomial(t, atoms)
    return [s for _, s in atoms.values()]


def _defined_constant(t: T.Term) -> bool:
    """t has no variable and the checker's decorated arithmetic shows it defined (1/pi, sqrt(2))."""
    if T.variables(t):
        return False
    return value(t, {})[1] >= A.DEF


def _combine(conc: Statement, cert, premise):
    terms = cert.get("terms")
    if not isinstance(terms, list) or not terms or conc.rel == "=":
        raise CheckError("combine: no terms")
    atoms: dict = {}
    total = 0
    strict = False
    known: set = set()
    for term in terms:
        if not isinstance(term, dict) or set(term) != {"premise", "coef", "factors"} or \
                not isinstance(term["factors"], list):
            raise CheckError("combine: a malformed term")
        pid = term["premise"]
        p = premise(pid)
        _applies(p, conc, pid)
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
            _applies(f, conc, fid)
            if f.rel == "=":
                raise CheckError(f"combine: factor premise {fid} is an identity, not a sign")
            product *= _polynomial(f.S, atoms)
            strict_term = strict_term and f.rel == ">"
            known |= {id(s) for s in T.postorder([f.S])}
        total += product
        strict = strict or strict_term
    missing = [s for s in _top_atoms(conc.S) if id(s) not in known and not _defined_constant(s)]
    if missing:
        raise CheckError("combine: the conclusion has a subterm no premise shows defined")
    rest = sympy.expand(_polynomial(conc.S, atoms) - total)
    if not rest.is_Rational or rest < 0:
        raise CheckError("combine: the conclusion is not the stated combination of the premises")
    if conc.rel == ">" and not strict and rest == 0:
        raise CheckError("combine: a strict conclusion from no strict term")


# -- substitute ------------------------------------------------------------------------------------

def _substitute(conc: Statement, cert, premise):
    if not isinstance(cert.get("var"), str) or not isinstance(cert.get("bounds"), list):
        raise CheckError("substitute: malformed data")
    pid, x = cert.get("premise"), cert["var"]
    p = premise(pid)
    if p.rel == "=" or x not in p.domain.names or x in conc.domain.names:
        raise CheckError(f"substitute: {x} is not a variable of premise {pid} alone")
    _applies(p, conc, pid, skip=x)
    u = read_expr(cert.get("value"), conc.names)
    X = p.domain.ranges[p.domain.names.index(x)]
    if T.substitute(p.lhs, {x: u}) is not conc.lhs or T.substitute(p.rhs, {x: u}) is not conc.rhs \
            or p.op != conc.op:
        raise CheckError(f"substitute: the conclusion is not premise {pid} with {x} replaced")
    need = {"lo": X.lo, "hi": X.hi}
    shown = u.op == "var"
    for bid in cert["bounds"]:
        b = premise(bid)
        _applies(b, conc, bid)
        small, strict, big = b.ordered()
        if big is u and small.op == "num" and need["lo"] is not None and small.data == X.lo \
                and (strict or not X.lo_open):
            need["lo"] = None
        elif small is u and big.op == "num" and need["hi"] is not None and big.data == X.hi \
                and (strict or not X.hi_open):
            need["hi"] = None
        else:
            raise CheckError(f"substitute: premise {bid} does not bound {x}'s image by an end of its range")
        shown = True
    if need["lo"] is not None or need["hi"] is not None:
        raise CheckError(f"substitute: the image of {x} is not shown inside its range")
    if not shown:
        raise CheckError(f"substitute: nothing shows the image of {x} defined")


# -- cover -----------------------------------------------------------------------------------------

def _cover(conc: Statement, cert, premise):
    v, ids = cert.get("var"), cert.get("premises")
    if v not in conc.domain.names or not isinstance(ids, list) or not ids:
        raise CheckError("cover: malformed data")
    pieces = []
    for pid in ids:
        p = premise(pid)
        if p.lhs is not conc.lhs or p.rhs is not conc.rhs or p.op not in (conc.op, STRICTER.get(conc.op)):
            raise CheckError(f"cover: premise {pid} is not the conclusion's statement")
        if set(p.domain.names) != set(conc.domain.names):
            raise CheckError(f"cover: premise {pid} has other variables")
        _applies(p, conc, pid, skip=v)
        pieces.append(p.domain.ranges[p.domain.names.index(v)])
    if not _covers(pieces, conc.domain.ranges[conc.domain.names.index(v)]):
        raise CheckError(f"cover: the premises' ranges of {v} do not cover the conclusion's")


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


# -- root ------------------------------------------------------------------------------------------

def _root(conc: Statement, cert, premise):
    q = cert.get("quantity")
    d = conc.quantities.get(q)
    if not isinstance(d, dict) or set(d) != {"root_of", "after"} or not isinstance(d["after"], int) \
            or cert.get("root_of") != d["root_of"]:
        raise CheckError(f"root: {q} is not defined as a root of the certificate's root count")
    kind, rc = premise.raw(d["root_of"])
    if kind != "rootcount" or not isinstance(rc, dict):
        raise CheckError(f"root: {d['root_of']} is not a root count")
    rdom = read_domain(rc.get("domain"))
    points, signs, var, i = rc.get("points"), rc.get("signs"), rc.get("var"), d["after"]
    if not isinstance(points, list) or not isinstance(signs, str) or not 0 <= i < len(points) - 1 \
            or len(signs) != len(points) or signs[i] == signs[i + 1]:
        raise CheckError("root: no sign change between the defining points")
    for name, r in zip(rdom.names, rdom.ranges):
        if name not in conc.domain.names or not _range_inside(conc.domain.ranges[conc.domain.names.index(name)], r):
            raise CheckError("root: the root count does not cover the conclusion's domain")
    ends = [None if pt in ("-oo", "oo") else read_expr(pt, rdom.names) for pt in points[i:i + 2]]
    r = T.var(q)
    small, strict, big = conc.ordered()
    if not strict or r not in (small, big):
        raise CheckError(f"root: the conclusion is not a strict bound of {q}")
    other = big if small is r else small
    if (small is r and other is ends[1]) or (big is r and other is ends[0]):
        return                                   # P_i < root < P_j
    sid = cert.get("sign")
    s = premise(sid)
    _applies(s, conc, sid)
    expr = read_expr(rc.get("expr"), rdom.names + (var,))
    if s.rhs is not T.num(0) or s.op not in ("<", ">") or s.lhs is not T.substitute(expr, {var: other}):
        raise CheckError(f"root: premise {sid} is not the sign of the polynomial at the point")
    sign = "+" if s.op == ">" else "-"
    if (big is r) != (sign == signs[i]):
        raise CheckError(f"root: the sign at the point puts it on the other side of {q}")
    for k, end in enumerate(ends):               # P_i < c < P_j
        if end is None or (end.op == other.op == "num" and (end.data < other.data if k == 0 else end.data > other.data)):
            continue
        if not any(_is_bound(premise(b), conc, b, *((end, other) if k == 0 else (other, end)))
                   for b in cert.get("inside", [])):
            raise CheckError("root: the point is not shown between the defining points")


def _is_bound(b: Statement, conc: Statement, bid, lo, hi) -> bool:
    """b is the strict bound lo < hi on a domain containing the conclusion's."""
    if b.rel == "=":
        return False
    small, strict, big = b.ordered()
    if strict and small is lo and big is hi:
        _applies(b, conc, bid)
        return True
    return False


RULES = {"combine": _combine, "substitute": _substitute, "cover": _cover, "root": _root}


def premise_ids(cert) -> list:
    """Every premise a derivation names (in order, without repeats)."""
    rule = cert.get("rule") if isinstance(cert, dict) else None
    if rule == "combine":
        ids = [i for t in cert.get("terms") or [] if isinstance(t, dict)
               for i in [t.get("premise"), *(t.get("factors") or [])]]
    elif rule == "substitute":
        ids = [cert.get("premise"), *(cert.get("bounds") or [])]
    elif rule == "cover":
        ids = list(cert.get("premises") or [])
    elif rule == "root":
        ids = [cert.get("root_of"), *([cert["sign"]] if cert.get("sign") else []), *(cert.get("inside") or [])]
    else:
        raise CheckError(f"unknown derivation rule {rule!r}")
    if not all(isinstance(i, str) for i in ids):
        raise CheckError("a premise id that is not text")
    return list(dict.fromkeys(ids))


class _Premises:
    """premises(id): a premise's Statement (read once); premises.raw(id): its (kind, record)."""

    def __init__(self, lookup):
        self.raw, self._read = lookup, {}

    def __call__(self, pid) -> Statement:
        if not isinstance(pid, str):
            raise CheckError("a premise id that is not text")
        if pid not in self._read:
            self._read[pid] = Statement(*self.raw(pid))
        return self._read[pid]


def check_derivation(claim, cert, lookup) -> None:
    """Raise CheckError unless ``cert`` derives ``claim`` (a derived record).  ``lookup(id)``
    returns the (kind, record) of a premise or raises CheckError."""
    conc = Statement("derived", claim)
    if conc.rel == "=":
        raise CheckError("a derived claim must be an inequality")
    rule = cert.get("rule")
    if rule not in RULES:
        raise CheckError(f"unknown derivation rule {rule!r}")
    RULES[rule](conc, cert, _Premises(lookup))


__all__ = ["check_derivation", "premise_ids", "Statement", "Domain"]
