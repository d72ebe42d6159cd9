"""A bundle's statuses bound to replayed proofs (what ``certify check`` verifies).

Every entry's statement is re-rendered from its claim record and must match what the entry
shows.  PROVED needs a certificate of that very claim (same record, same hash) that replays,
and the entry's margin must be the certificate's; REFUTED needs a witness inside the domain
where arb proves the negation (or the slack is certainly undefined); CITED, HUMAN and
UNDECIDED carry no certificate and are never counted as proved.  An empty, foreign or
unknown-kind file, and any certificate kind the checker cannot replay, is an error.

Derived entries (``derived``) are checked after the rest: the derivation must replay against
the premises' records in this bundle, and the entry's status must be the one its premises
give: PROVED when every premise is PROVED or CITED (and checks), HUMAN when some premise is
HUMAN, UNDECIDED otherwise.  Assumed entries (a formal statement taken as given) are HUMAN or
CITED and carry no certificate.
"""
from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from . import arith as A
from .evaluate import UNDEFINED, exact, value
from .criterion import check_criterion
from .derived import check_derivation, premise_ids
from .forall import check_forall, claim_hash, read_claim
from .kinds import HALVES, check_identity, check_limit, check_rootcount, check_split, check_tail
from .matrix import check_matrix
from .reader import read_domain, read_expr, read_rational
from .straighten import check_straighten, inside
from .terms import CheckError

REPLAY = {"forall": lambda c: check_forall(c)[0], "tail": check_tail, "split": check_split, "identity": check_identity,
          "limit": check_limit, "rootcount": check_rootcount, "matrix": check_matrix, "inverse": HALVES["inverse"],
          "straighten": lambda c: check_straighten(c, check_certificate)}
# the certificate kinds that prove each kind of claim record
PROVES = {"inequality": ("forall", "tail", "split", "inverse", "straighten"), "identity": ("identity", "straighten"), "limit": ("limit",),
          "rootcount": ("rootcount",), "matrix": ("matrix",)}
STATUSES = ("PROVED", "REFUTED", "UNDECIDED", "CITED", "HUMAN")
SMALL = 40                # a bundle this small is checked in one process (workers cost more)


def statement(kind, claim) -> str:
    """The statement of a claim record, as reports print it."""
    try:
        if kind in ("inequality", "assumed", "derived"):
            return f"for all {claim['domain']}: {claim['lhs']} {claim['op']} {claim['rhs']}"
        if kind == "identity":
            return f"identity on {claim['domain']}: {claim['lhs']} == {claim['rhs']}"
        if kind == "limit":
            return f"lim_{{{claim['var']} -> oo}} {claim['expr']} = {claim['value']}"
        if kind == "rootcount":
            return (f"for all {claim['domain']}: signs {' '.join(claim['signs'])} of {claim['expr']} "
                    f"at {', '.join(claim['points'])}")
        if kind == "matrix":
            ker = claim["kernel"]
            text = f"{ker[0]}, ..., {ker[0]}" if len(ker) > 3 and len(set(ker)) == 1 else ", ".join(ker)
            return (f"the {claim['n']} x {claim['n']} matrix {claim['name']} is negative semidefinite "
                    f"with kernel exactly span({text})")
    except (KeyError, TypeError):
        pass
    raise CheckError(f"a malformed {kind} claim record")


def check_certificate(cert) -> int:
    """Replay one certificate of any kind; the number of leaves (cells) replayed."""
    kind = cert.get("kind") if isinstance(cert, dict) else None
    if kind not in REPLAY:
        raise CheckError(f"unknown certificate kind {kind!r}")
    return REPLAY[kind](cert)


def check_entry(entry) -> int:
    if not isinstance(entry, dict):
        raise CheckError("a malformed entry")
    status, kind, claim, cert = (entry.get(k) for k in ("status", "claim_kind", "claim", "certificate"))
    if status not in STATUSES:
        raise CheckError(f"unknown status {status!r}")
    if claim is not None and entry.get("statement") != statement(kind, claim):
        raise CheckError("the statement is not the claim's")
    if kind == "derived":
        return 0                         # checked after the other entries (check_derived)
    if kind == "assumed" and status not in ("HUMAN", "CITED"):
        raise CheckError("an assumed statement can only be HUMAN or CITED")
    if status == "PROVED":
        if kind not in PROVES or not isinstance(cert, dict) or cert.get("kind") not in PROVES[kind]:
            raise CheckError("PROVED without a certificate of its kind of claim")
        if cert.get("claim") != claim or cert.get("hash") != claim_hash(claim):
            raise CheckError("the certificate is about another claim")
        if entry.get("margin") != cert.get("margin"):
            raise CheckError("the entry's margin is not the certificate's")
        return check_certificate(cert)
    if cert is not None or entry.get("margin") is not None:
        raise CheckError(f"a {status} entry with a certificate or a margin")
    if status == "REFUTED":
        check_witness(kind, claim, entry.get("witness"))
    elif entry.get("witness") is not None:
        raise CheckError(f"a {status} entry with a witness")
    return 0


def check_witness(kind, claim, witness):
    """arb proves the claim false at the witness (a point of its domain)."""
    if kind not in ("inequality", "identity") or not isinstance(witness, dict):
        raise CheckError("REFUTED without a witness of a refutable claim")
    domain = read_domain(claim.get("domain"), expressions=True)
    if set(witness) != set(domain.names):
        raise CheckError("the witness does not name the claim's variables")
    q = [read_rational(witness[n]) for n in domain.names]
    point = dict(zip(domain.names, q))
    if not inside(domain, point):
        raise CheckError("the witness is outside the claim's domain")
    box = {n: A.point(x) for n, x in point.items()}
    if kind == "identity":
        lhs, rhs = (read_expr(claim[k], domain.names) for k in ("lhs", "rhs"))
        (a, da), (b, db) = value(lhs, box, point=point), value(rhs, box, point=point)
        one_undefined = (da >= A.DEF and b is A.EMPTY) or (db >= A.DEF and a is A.EMPTY)
        both = da >= A.DEF and db >= A.DEF
        gap = A.apply("sub", (a, b))[0] if both else None
        if one_undefined or (both and (A.positive(gap) or A.negative(gap))):
            return
        raise CheckError("arb does not prove the sides differ at the witness")
    F, strict, _ = read_claim(claim, expressions=True)
    q_exact = exact(F, point)
    if q_exact is UNDEFINED or (q_exact is not None and (q_exact <= 0 if strict else q_exact < 0)):
        return
    v, dec = value(F, box, point=point)
    if v is A.EMPTY or (dec >= A.DEF and (A.nonpositive(v) if strict else A.negative(v))):
        return
    if strict and dec >= A.DEF and _exactly_zero(F, point):
        return
    raise CheckError("arb does not prove the negation at the witness")


def _exactly_zero(F, point) -> bool:
    """F, defined at the point, is exactly 0 there (sympy, the point substituted exactly): a
    strict claim fails although arb's ball (e^{-1} - 1 * e^{-1}) only contains 0."""
    from . import terms as T
    from .forall import sympy_zero
    at = T.substitute(F, {n: T.num(q) for n, q in point.items()})
    try:
        S = T.to_sympy(at, {})
    except CheckError:
        return False
    return bool(S.is_number) and sympy_zero(S)


def check_bundle(doc, progress=None, jobs=None):
    """Verify every entry (in ``jobs`` worker processes for a bundle of SMALL entries or more;
    default one per core, at most 4);
    returns (cells replayed, [Verdict]).  A file that is not a bundle raises NotABundle."""
    if not isinstance(doc, dict) or doc.get("kind") != "bundle" or not isinstance(doc.get("claims"), list) \
            or not doc["claims"]:
        raise NotABundle("not a certify certificate bundle (no claims)")
    entries = doc["claims"]
    ids = [e.get("id") if isinstance(e, dict) else None for e in entries]
    jobs = jobs or min(4, os.cpu_count() or 1)
    if jobs > 1 and len(entries) >= SMALL:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(_tracked(pool.map(_check_one, entries, chunksize=8), ids, progress))
    else:
        results = list(_tracked(map(_check_one, entries), ids, progress))
    reasons = [reason for _, reason in results]
    for i, cid in enumerate(ids):
        if reasons[i] is None and (not isinstance(cid, str) or ids.index(cid) != i):
            reasons[i] = "a missing or repeated id"
    check_derived(entries, ids, reasons)
    cells, verdicts = 0, []
    for i, (entry, (n, _)) in enumerate(zip(entries, results)):
        cid, reason = ids[i], reasons[i]
        status = entry.get("status") if isinstance(entry, dict) else None
        verdicts.append(Verdict(cid if isinstance(cid, str) else f"#{i}", status, reason is None, reason or ""))
        cells += n if reason is None else 0
    return cells, verdicts


def check_derived(entries, ids, reasons):
    """Check every derived entry (premises first, in any order; a cycle fails) and record a
    failure reason in ``reasons``.  A premise that fails its own check fails the derivation."""
    index = {cid: i for i, cid in enumerate(ids) if isinstance(cid, str) and reasons[i] is None}
    state: dict = {}

    def status_of(pid):
        i = index.get(pid)
        if i is None:
            raise CheckError(f"premise {pid} is not an entry of this bundle")
        e = entries[i]
        if e.get("claim_kind") == "derived":
            visit(i)
        if reasons[i] is not None:
            raise CheckError(f"premise {pid} does not check")
        return e.get("status"), e.get("claim_kind"), e.get("claim")

    def visit(i):
        if i in state:
            if state[i] == "busy":
                raise CheckError("a derivation that depends on itself")
            return
        state[i] = "busy"
        try:
            if reasons[i] is None:
                _check_derived_entry(entries[i], status_of)
        except CheckError as e:
            reasons[i] = str(e)
        state[i] = "done"

    for i, e in enumerate(entries):
        if isinstance(e, dict) and e.get("claim_kind") == "derived":
            visit(i)


def _check_derived_entry(entry, premise):
    status, claim, cert = entry.get("status"), entry.get("claim"), entry.get("certificate")
    if entry.get("margin") is not None or entry.get("witness") is not None:
        raise CheckError("a derived entry with a margin or a witness")
    if cert is None:
        if status != "UNDECIDED":
            raise CheckError(f"a {status} derived entry without its derivation")
        return
    if not isinstance(cert, dict) or cert.get("kind") != "derived" or cert.get("claim") != claim \
            or cert.get("hash") != claim_hash(claim):
        raise CheckError("the derivation is about another claim")
    check_derivation(claim, cert, lambda pid: premise(pid)[1:])
    # every named premise, also one the rule did not read, must be an entry that checks
    statuses = [premise(pid)[0] for pid in premise_ids(cert)]
    expected = ("PROVED" if all(s in ("PROVED", "CITED") for s in statuses) else
                "HUMAN" if all(s in ("PROVED", "CITED", "HUMAN") for s in statuses) else "UNDECIDED")
    if status != expected:
        raise CheckError(f"status {status}, but its premises give {expected}")


def _check_one(entry):
    try:
        return check_entry(entry), None
    except CheckError as e:
        return 0, str(e)


def _tracked(results, ids, progress):
    for i, r in enumerate(results):
        if progress:
            progress(i + 1, len(ids), ids[i])
        yield r


@dataclass(frozen=True)
class Verdict:
    id: str
    status: str
    ok: bool
    reason: str


class NotABundle(CheckError):
    """The file is not something the checker knows how to check."""


def check_file(path, progress=None):
    """(cells replayed, [Verdict]) of a bundle, a single certificate or a criterion file."""
    try:
        with open(path) as fh:
            doc = json.load(fh)
    except (OSError, ValueError) as e:
        raise NotABundle(f"cannot read {path}: {e}") from None
    if isinstance(doc, dict) and "f" in doc and ("runs" in doc or "ranges" in doc):
        status = doc.get("status") if isinstance(doc.get("status"), str) else "HOLDS"
        try:
            return check_criterion(doc), [Verdict("criterion", status, True, "")]
        except CheckError as e:
            return 0, [Verdict("criterion", status, False, str(e))]
    if isinstance(doc, dict) and doc.get("kind") in REPLAY:
        try:
            return check_certificate(doc), [Verdict("certificate", "PROVED", True, "")]
        except CheckError as e:
            return 0, [Verdict("certificate", "PROVED", False, str(e))]
    return check_bundle(doc, progress)
