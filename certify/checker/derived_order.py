"""The order rules: ``monotone`` (the mean value theorem with the checker's own derivative) and
``root`` (a root of a RootCount located between points) (``certify.checker.derived``).

``root`` at a point c strictly between the defining points P_i < P_j: the polynomial has the
sign at P_i left of the root and the sign at P_j right of it, so a strict sign at c puts c
strictly on one side; a sign that may be 0 (p(c) >= 0) puts it on that side or at the root (the
only zero in (P_i, P_j)), a non-strict bound."""
from __future__ import annotations

from . import terms as T
from .deriv import diff
from .derived_statement import OPS, Statement, applies, end_in, range_inside
from .reader import read_domain, read_expr
from .terms import CheckError


# -- monotone --------------------------------------------------------------------------------------

def monotone(conc: Statement, cert, premise):
    x, end, pid = cert.get("var"), cert.get("end"), cert.get("premise")
    if x not in conc.domain.names or end not in ("lo", "hi"):
        raise CheckError("monotone: malformed data")
    d = premise(pid)
    applies(d, conc, pid, skip=x)
    if x not in d.domain.names or d.rel == "=" or d.rhs is not T.num(0) or d.op not in OPS:
        raise CheckError(f"monotone: premise {pid} is not a sign of a derivative in {x}")
    _fixed_others(conc, x, "monotone")
    X = conc.domain.ranges[conc.domain.names.index(x)]
    R = d.domain.ranges[d.domain.names.index(x)]
    E = X.lo if end == "lo" else X.hi
    if E is None or not end_in(R, E, end) or not range_inside(X, R):
        raise CheckError("monotone: the end is not in the derivative's range")
    small, strict, big = conc.ordered()
    F = big if end == "lo" else small           # increasing: F(E) <= F(x) (lo) / F(x) <= F(E) (hi)
    increasing = d.op in (">", ">=")
    if not increasing:
        F = small if end == "lo" else big
    at_end = T.substitute(F, {x: E if isinstance(E, T.Term) else T.num(E)})
    other = small if F is big else big
    if other is not at_end or d.lhs is not diff(F, x):
        raise CheckError(f"monotone: the conclusion is not F against F at the end, F' the premise's {pid}")
    if strict and (d.op not in ("<", ">") or not (X.lo_open if end == "lo" else X.hi_open)):
        raise CheckError("monotone: a strict conclusion needs a strict derivative and the end excluded")


def _fixed_others(conc: Statement, x: str, rule: str):
    """No other variable's range mentions x (for fixed others, x ranges over one interval)."""
    for name, r in zip(conc.domain.names, conc.domain.ranges):
        if name != x and any(isinstance(e, T.Term) and x in T.variables(e) for e in (r.lo, r.hi)):
            raise CheckError(f"{rule}: the range of {name} depends on {x}")


# -- root ------------------------------------------------------------------------------------------

def root(conc: Statement, cert, premise):
    conc.require_box("root")
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
        if name not in conc.domain.names or not range_inside(conc.domain.ranges[conc.domain.names.index(name)], r):
            raise CheckError("root: the root count does not cover the conclusion's domain")
    ends = [None if pt in ("-oo", "oo") else read_expr(pt, rdom.names) for pt in points[i:i + 2]]
    r = T.var(q)
    small, strict, big = conc.ordered()
    if r not in (small, big):
        raise CheckError(f"root: the conclusion is not a bound of {q}")
    other = big if small is r else small
    if strict and ((small is r and other is ends[1]) or (big is r and other is ends[0])):
        return                                   # P_i < root < P_j
    sid = cert.get("sign")
    s = premise(sid)
    applies(s, conc, sid)
    expr = read_expr(rc.get("expr"), rdom.names + (var,))
    if s.rhs is not T.num(0) or s.op not in OPS or s.lhs is not T.substitute(expr, {var: other}):
        raise CheckError(f"root: premise {sid} is not the sign of the polynomial at the point")
    sign = "+" if s.op in (">", ">=") else "-"
    if (big is r) != (sign == signs[i]):
        raise CheckError(f"root: the sign at the point puts it on the other side of {q}")
    if strict and s.op not in ("<", ">"):
        raise CheckError(f"root: a strict bound of {q} from a sign that may be 0 at the point")
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
        applies(b, conc, bid)
        return True
    return False


# -- apply -----------------------------------------------------------------------------------------

# increasing functions and the least argument where each is defined (None: everywhere)
INCREASING = {"sqrt": 0, "exp": None, "atan": None}


def apply(conc: Statement, cert, premise):
    f, pid = cert.get("function"), cert.get("premise")
    if f not in INCREASING or not isinstance(cert.get("defined"), list):
        raise CheckError("apply: malformed data (the function must be one of sqrt, exp, atan)")
    p = premise(pid)
    applies(p, conc, pid)
    if p.rel == "=":
        raise CheckError(f"apply: premise {pid} is not a bound")
    u, strict_u, v = p.ordered()
    small, strict, big = conc.ordered()
    if not (_is_image(small, f, u) and _is_image(big, f, v)):
        raise CheckError(f"apply: the conclusion is not {f} of the sides of premise {pid}")
    if strict and not strict_u:
        raise CheckError("apply: a strict conclusion from a bound that may be equality")
    least = INCREASING[f]
    if least is not None and not (u.op == "num" and u.data >= least) and \
            not any(_is_lower(premise(i), conc, i, least, u) for i in cert["defined"]):
        raise CheckError(f"apply: nothing shows {f} defined at the smaller side")


def _is_image(side: T.Term, f: str, arg: T.Term) -> bool:
    """side is f(arg) as written, or the exact rational value of f at a rational arg."""
    if side is T.call(f, [arg]):
        return True
    if side.op != "num" or arg.op != "num":
        return False
    s, a = side.data, arg.data
    return (f == "sqrt" and s >= 0 and s * s == a) or (f in ("exp", "atan") and a == 0 and s == (1 if f == "exp" else 0))


def _is_lower(b: Statement, conc: Statement, bid, least, u) -> bool:
    """b is least <= u or least < u, on a domain containing the conclusion's."""
    if b.rel == "=":
        return False
    small, _, big = b.ordered()
    if big is u and small.op == "num" and small.data >= least:
        applies(b, conc, bid)
        return True
    return False
