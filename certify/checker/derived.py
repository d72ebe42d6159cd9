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

- ``combine``  S = sum_i c_i * prod_j F_ij * S_i as an identity of rational functions in the
  *atoms* (the maximal subterms that are not +, -, *, /, an integer power; compared term for
  term, nothing simplified; every quotient of the conclusion, like its atoms, is a subterm of
  a premise, so its denominator is nonzero), c_i a rational, > 0 for an inequality premise; F_ij the
  S of a sign premise (F > 0 or F >= 0).  Then S >= 0, and S > 0 when some term has c_i > 0
  with a strict S_i and strict factors.  Every atom of the conclusion is a subterm of a
  premise (or a constant the checker's arithmetic shows defined, such as 1/pi), so the
  conclusion is defined wherever the premises hold.
- ``substitute``  from forall (x in X, y in Y): P(x, y) and premises lo <(=) u, u <(=) hi for
  the finite ends of X (strict at an open end), forall y: P(u, y).  The conclusion must be P
  with x replaced by u, term for term; u is defined because it is a side of a bound premise
  (or is a variable or quantity).
- ``cover``  the same statement (the same sides, the same or the strict relation) on
  sub-domains whose union along one variable is the conclusion's range of it; or two pieces
  [lo, m] and [m, hi] split at an expression m of the other variables (closed in one piece),
  which cover [lo, hi] wherever m lies, with a premise ``defined`` that has m as a subterm.
- ``root``  a quantity defined as the root of a RootCount's polynomial between two consecutive
  points P_i < P_j of opposite signs (exactly one, simple: the polynomial has the sign at P_i
  left of it and the sign at P_j right of it) lies strictly between them, and a point c strictly
  between them with a proved sign of the polynomial at c is on the side of that sign.

- ``monotone``  from D OP 0 on a range of x containing the end E, where D is the checker's own
  derivative dF/dx of F (``deriv.diff``, defined only where the chain rule applies; the premise
  proves it defined, so F is differentiable there), F(x) compares with F(E) by the mean value
  theorem: increasing (D > 0 or D >= 0) gives F(E) <= F(x) for x >= E and F(x) <= F(E) for
  x <= E, decreasing the reverse; strict only with D strict and E outside the conclusion's range.
  E may be an expression end (x in [0, tau(b)]): the derivative's range then has the same
  expression end, and no other range mentions x (for fixed others it is one interval).
- ``apply``  from u < v (u <= v), f(u) < f(v) (f(u) <= f(v)) for an increasing f (sqrt, exp,
  atan); for sqrt a premise 0 <= u (0 < u) or a rational u >= 0 shows f(u) defined.  A side may
  be the exact rational f(c) of a rational c (sqrt(0) written 0).

In ``combine`` the difference S - sum may also be a rational constant >= 0 (strict when > 0).
A quantity's meaning is a text, or for ``root`` the definition {"root_of": id, "after": i}.
"""
from __future__ import annotations

from .derived_algebra import combine, cover, substitute
from .derived_order import apply, monotone, root
from .derived_statement import Statement
from .terms import CheckError

RULES = {"combine": combine, "substitute": substitute, "cover": cover, "root": root, "monotone": monotone,
         "apply": apply}


def premise_ids(cert) -> list:
    """Every premise a derivation names (in order, without repeats)."""
    rule = cert.get("rule") if isinstance(cert, dict) else None
    if rule == "combine":
        ids = [i for t in cert.get("terms") or [] if isinstance(t, dict)
               for i in [t.get("premise"), *(t.get("factors") or [])]]
    elif rule == "substitute":
        ids = [cert.get("premise"), *(cert.get("bounds") or [])]
    elif rule == "cover":
        ids = [*(cert.get("premises") or []), *(cert.get("defined") or [])]
    elif rule == "monotone":
        ids = [cert.get("premise")]
    elif rule == "apply":
        ids = [cert.get("premise"), *(cert.get("defined") or [])]
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


__all__ = ["check_derivation", "premise_ids", "Statement"]
