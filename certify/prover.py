"""For-all inequalities and extremum bounds on a Domain: the pipeline around the search.

``prove_inequality(lhs, op, rhs, domain)`` decides *for every point of the domain, lhs OP rhs*
about the expressions as written:
1. the slack F = lhs - rhs (or rhs - lhs) is a tree, nothing simplified (``certify.expr``);
2. half-infinite variables are compactified (``rules.compactify``);
3. refutation first: a float64 sample of the box proposes counterexamples (and points where F
   is undefined); arb confirms each before it counts;
4. a form to search (``rules``): F itself when the decorated evaluation already bounds F on the
   cells at open ends, else F scaled by w^k there, or with positive factors dropped; each
   keeps F's definedness and the factors' signs as side conditions checked on every leaf;
5. ends where the form vanishes identically are closed by the end rule (``box_ends.EndRule``);
6. best-first branch and bound (``certify.search``); then, for one unbounded variable, the
   monotone-tail rule, and for a non-strict claim, dropping factors nonnegative by form.
The certified margin encloses the infimum of the slack as written over the whole domain.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import sympy
from flint import arb, fmpq

from . import rules
from .deadline import Deadline, deadline
from .domain import Domain
from .enclose import Ladder
from .errors import CertifyInputError
from .exact import to_fmpq
from .expr import nodes as N
from .expr.bridge import from_sympy
from .expr.text import to_text
from .search import Budget, prove_positive
from .refute import at_points as refuted_at_points, confirmed, exact_zero, refuted as _refuted, \
    sampled as sampled_refutation
from .forms import box_of, choose_form, opens_of, plain_first
from .growth import compactifying_power
from .inverse import inverse_route, shape as inverse_shape, singular_at_an_end
from .splits import split_at_tangent, split_claim, tangent_cut_first
from .sampling import candidates as sample_candidates
from .proved import forall_certificate, serialize
from . import one_cell

OPS = {"<", "<=", ">", ">="}
QUICK_CELLS = 32           # prove_defined's first try, without domain facts
# F itself is searched this long before any symbolic rewrite is tried (``forms.plain_first``)
PLAIN_FIRST_CELLS = 400


@dataclass
class Result:
    """The outcome of one claim: ``status`` PROVED / REFUTED / UNDECIDED; ``margin``, outward
    decimal bounds [lower, upper] of the infimum of the slack (PROVED); ``witness``, a point
    where arb proves the claim false, with ``witness_value`` the slack's enclosure there (None:
    the expression is undefined there); ``reason``; the ``cells`` and ``methods`` used; the
    ``certificate`` that ``certify check`` replays.  Its repr is one readable line."""
    status: str
    margin: list | None = None           # outward decimal [lower, upper] of inf of the slack
    margin_kind: str = "slack"
    witness: dict | None = None
    witness_value: list | None = None
    reason: str = ""
    cells: int = 0
    methods: dict = field(default_factory=dict)
    certificate: dict | None = None
    seconds: float = 0.0
    open_cells: list = field(default_factory=list)

    def __repr__(self) -> str:
        """One line for a notebook or a REPL: the status, the certified margin or the witness,
        the reason, the cells; the certificate (often large) only as its size."""
        parts = [self.status]
        if self.margin:
            parts.append(f"margin=[{self.margin[0]}, {self.margin[1]}]")
        if self.witness:
            parts.append(f"witness={self.witness}" + (f" (slack in {self.witness_value})"
                                                      if self.witness_value else " (undefined there)"))
        if self.reason:
            parts.append(f"reason={self.reason!r}")
        parts.append(f"cells={self.cells}")
        if self.certificate:
            parts.append(f"certificate=<{len(json.dumps(self.certificate))} bytes>")
        return f"Result({', '.join(parts)})"


def as_tree(e, names) -> N.Node:
    if isinstance(e, N.Node):
        bad = N.variables(e) - set(names)
        if bad:
            raise CertifyInputError(f"unknown variable '{sorted(bad)[0]}' (domain has {', '.join(names)})")
        return e
    if isinstance(e, str):
        from .expr.parse import parse_expr
        return parse_expr(e, names)
    if isinstance(e, (int, fmpq)) and not isinstance(e, bool):
        return N.num(e)
    return from_sympy(e, names)


def normalize(lhs, op, rhs, names=None):
    """(F, strict) with the claim equivalent to F > 0 (strict) or F >= 0."""
    if op not in OPS:
        raise CertifyInputError(f"unknown relation {op!r}")
    if names is not None:
        lhs, rhs = as_tree(lhs, names), as_tree(rhs, names)
    F = N.sub(lhs, rhs) if op in (">", ">=") else N.sub(rhs, lhs)
    return F, op in ("<", ">")


def claim_record(lhs, op, rhs, domain: Domain) -> dict:
    return {"lhs": to_text(lhs), "op": op, "rhs": to_text(rhs), "domain": str(domain)}


def prove_inequality(lhs, op, rhs, domain: Domain, budget: Budget | None = None,
                     allow_tail: bool = True, progress=None, allow_split: bool = True) -> Result:
    start = time.monotonic()
    budget = (budget or Budget()).started()
    names = domain.names
    lhs, rhs = as_tree(lhs, names), as_tree(rhs, names)
    if not domain.is_box:             # expression ends: on the straightened box (certify.straighten)
        from .straighten import prove_straightened
        result = prove_straightened(lhs, op, rhs, domain, prove_inequality, budget=budget,
                                    allow_tail=allow_tail, progress=progress, allow_split=allow_split)
        result.seconds = time.monotonic() - start
        if result.certificate is not None:
            attach_claim(result.certificate, claim_record(lhs, op, rhs, domain))
        return result
    F, strict = normalize(lhs, op, rhs)
    if budget.expired():
        return Result("UNDECIDED", reason="time budget exhausted")
    both = [i for i, iv in enumerate(domain.intervals) if iv.lo is None and iv.hi is None]
    if both:
        # (-oo, oo) is the two half-lines closed at 0, each compactified (a split certificate)
        result = split_claim(lhs, op, rhs, domain, both[0], sympy.Integer(0), budget, progress, allow_tail, True) \
            or Result("UNDECIDED", reason=f"undecided on a half-line of {domain.names[both[0]]}")
        return _finish(result, lhs, op, rhs, domain, start)
    quick = one_cell.decided(F, strict, domain)
    if quick is not None:
        margin, cert, out = quick
        return _finish(Result("PROVED", margin=margin, cells=out.cells, methods=dict(out.methods), certificate=cert),
                       lhs, op, rhs, domain, start)
    early = sampled_refutation(F, domain, strict)
    if early is not None:
        return _finish(early, lhs, op, rhs, domain, start)
    tangent_first = allow_split and allow_tail and not strict and len(names) == 1
    if tangent_first:
        found = tangent_cut_first(lhs, op, rhs, F, domain, budget, progress)
        if found is not None:
            return _finish(found, lhs, op, rhs, domain, start)
    # g(A) op B with g monotone: the inverse rule (``certify.inverse``) keeps half the time, and
    # goes first where A tends to a point of infinite g' (acos near 1)
    inverse = allow_split and allow_tail and inverse_shape(lhs, op, rhs) is not None
    if inverse and singular_at_an_end(lhs, op, rhs, domain):
        inverse, found = False, inverse_route(lhs, op, rhs, domain, budget.share(0.5), progress)
        if found is not None:
            return _finish(found, lhs, op, rhs, domain, start)
    first = budget.share(0.5) if inverse else budget
    try:
        with deadline(first.until - time.monotonic() + 0.5):
            result = _prove(F, strict, domain, first, allow_tail, progress)
    except Deadline:
        result = Result("UNDECIDED", reason="time budget exhausted (in a symbolic rewrite)")
    if result.status == "UNDECIDED" and inverse and not budget.expired():
        result = inverse_route(lhs, op, rhs, domain, budget, progress) or result
    if result.status == "UNDECIDED" and allow_split and allow_tail and not tangent_first and not budget.expired():
        try:
            with deadline(budget.until - time.monotonic() + 0.5):
                found = exact_zero(F, domain) if strict else split_at_tangent(lhs, op, rhs, F, strict, domain,
                                                                               budget, progress)
                result = found or result
        except Deadline:
            pass
    return _finish(result, lhs, op, rhs, domain, start)


def _finish(result, lhs, op, rhs, domain, start):
    result.seconds = time.monotonic() - start
    if result.status != "PROVED":
        result.margin, result.certificate = None, None
    if result.certificate is not None:
        attach_claim(result.certificate, claim_record(lhs, op, rhs, domain))
    return result


def attach_claim(cert: dict, claim: dict):
    """Record the claim a certificate proves, its hash and the library versions."""
    import hashlib
    import json

    import flint
    cert["claim"] = claim
    cert["hash"] = hashlib.sha256(json.dumps(claim, sort_keys=True).encode()).hexdigest()
    cert["versions"] = {"python-flint": flint.__version__, "sympy": sympy.__version__}
    return cert


def _prove(F, strict, domain: Domain, budget: Budget, allow_tail, progress) -> Result:
    names = domain.names
    subs = []
    source, original = F, domain
    if not all(iv.bounded for iv in domain.intervals):
        powers = {n: compactifying_power(F, n) for n, iv in zip(names, domain.intervals) if not iv.bounded}
        F, domain, subs = rules.compactify(F, domain, powers)
    opens, box = opens_of(domain), box_of(domain)
    cands = sample_candidates(F, names, box, opens, strict)
    if subs:      # the candidates of the compactified box (next to its open ends), before any rewrite
        early = refuted_at_points(F, names, opens, cands, strict, subs, source, original)
        if early is not None:
            return early
    ob, refuted = _obligations(F, domain, budget)
    if refuted is not None:
        return _refuted(subs, names, [to_fmpq(refuted.witness[n]) for n in names], None, refuted.reason)
    squared = _square_first(F, domain, strict, budget, progress, ob, cands)
    if squared is not None:
        form, out, end_rules = squared
    else:
        found = None
        if plain_first(F, domain, strict, ob.facts):
            found = _search(rules.Form(F), strict, domain, budget.share(1.0, PLAIN_FIRST_CELLS), progress, ob, cands)
            if not isinstance(found, list) and found[1].status == "UNDECIDED":
                found = None
        if found is None:
            form = choose_form(F, domain, strict, ob.facts)
            if form.G is not F:
                more, _ = _obligations(form.G, domain, budget, ob)
                ob = more or ob
            found = _search(form, strict, domain, budget, progress, ob, cands)
        if isinstance(found, list):
            return _refuted(subs, names, found, None, "the slack is exactly 0 at a closed end of a strict inequality")
        form, out, end_rules = found
    if out.status == "REFUTED":
        return confirmed(_refuted(subs, names, out.witness, out.witness_value, out.reason, out), source, original,
                         strict)
    if out.status == "UNDECIDED" and not strict:
        retry = _searched_form(rules.drop_factors(F, domain, nonnegative=True), domain, budget, progress, ob)
        if retry is not None:
            form, out, end_rules = retry
    if out.status == "UNDECIDED":
        if allow_tail and subs and len(names) == 1:
            from .tails import prove_tail
            tail = prove_tail(source, strict, original, budget, progress)
            if tail is not None:
                return tail
        return Result("UNDECIDED", reason=out.reason, cells=out.cells, methods=dict(out.methods),
                      open_cells=[[[str(a), str(b)] for a, b in c] for c in out.open_cells if c])
    margin, cert = forall_certificate(out, strict, form, ob.records, end_rules, subs)
    return Result("PROVED", margin=margin, cells=out.cells, methods=dict(out.methods), certificate=cert)


# (argument node, relation, bound node, domain text) -> its PROVED Result: the claims of a run
# share subexpressions (tau on the same beta range), trees are hash-consed, and a proof (unlike
# an undecided search) does not depend on the budget it was found in
_PROVED_OBLIGATIONS: dict = {}


def _obligations(F, domain: Domain, budget: Budget, base=None):
    """Facts about F's partial nodes (``certify.obligations``), proved on this domain."""
    from .enclose import Cells
    from .expr import interval as I
    from .obligations import Obligations, prove_obligations
    opens, box = opens_of(domain), box_of(domain)
    cells = Cells(opens)

    def mids():
        return [I.point(arb((lo + hi) / 2)) for lo, hi in box]

    def prove(expr, op, rhs):
        key = (expr, op, rhs, str(domain))
        found = _PROVED_OBLIGATIONS.get(key)
        if found is None:
            found = prove_inequality(expr, op, rhs, domain, budget, allow_tail=False)
            if found.status == "PROVED":
                if len(_PROVED_OBLIGATIONS) > 4096:
                    _PROVED_OBLIGATIONS.clear()
                _PROVED_OBLIGATIONS[key] = found
        return found
    ob, refuted = prove_obligations(F, domain, cells.box(box), mids, budget, prove)
    if ob is not None and base is not None:
        merged = Obligations(dict(base.facts), list(base.records), base.cells)
        for k, v in ob.facts.items():
            merged.facts.setdefault(k, v)
        merged.records += ob.records
        merged.cells += ob.cells
        return merged, refuted
    return ob, refuted


def _square_first(F, domain, strict, budget, progress, ob, cands):
    """(form, outcome, end rules) of the first exact form (``certify.squares``: identical zero,
    written square, squares plus a remainder) that applies, when it proves the claim within a
    quarter of the budget; else None.  Tried before the
    search: a square vanishing on a curve (x = y) leaves cells no enclosure decides.  A false
    claim fails here (G < 0 somewhere, or a condition fails) and the search that follows
    refutes it."""
    from .squares import EXACT_FORMS
    if strict:
        return None
    if _sampled_away_from_zero(F, domain, cands):
        return None         # the slack stays away from 0: the search decides
    for rule in EXACT_FORMS:
        form = rule.apply(F, domain, strict)
        if form is None:
            continue
        now = time.monotonic()
        part = Budget(max(1, budget.cells // 4), budget.depth, budget.seconds,
                      now + max(0.0, (budget.until - now) / 4))
        return _searched_form(form, domain, part, progress, ob, cands)
    return None


def _sampled_away_from_zero(F, domain: Domain, cands, tiny: float = 1e-9) -> bool:
    """Is the float64 slack above ``tiny`` at the sampled candidate points (the grid's lowest
    points after a coordinate descent, ``certify.sampling.candidates``)?  Then no exact form is
    needed (a square or a zero set touches 0); a cheap filter, it proves nothing."""
    import numpy as np

    from .expr.numeric import evaluate
    values = [float(np.asarray(evaluate(F, {n: float(q) for n, q in zip(domain.names, pt)}), dtype=float))
              for pt in cands]
    return bool(values) and all(v > tiny for v in values)      # NaN (undefined) is not above


def _searched_form(form, domain, budget, progress, ob, cands=()):
    """F >= 0 follows from G >= 0 when F = P G with every dropped factor P >= 0 (checked on each
    cell): sqrt(z) on z >= 0, whose infinite derivative at 0 defeats the ladder, or a square.
    Not an equivalence, so only a proof counts; a refutation of G proves nothing about F.
    (form, outcome, end rules) when proved, else None."""
    if form is None:
        return None
    more, _ = _obligations(form.G, domain, budget, ob)
    found = _search(form, False, domain, budget, progress, more or ob, cands)
    if found[1].status != "PROVED":
        return None
    ob.records += (more.records if more is not None else [])
    return found


def _search(form, strict, domain: Domain, budget, progress, ob, cands):
    """(form, outcome, end rules) of the search of ``form`` with its conditions checked on every
    leaf; a point (a list) when an end rule finds the form exactly 0 at a closed end of a strict
    claim."""
    names, opens, box = domain.names, opens_of(domain), box_of(domain)
    end_rules = rules.degenerate_ends(form.G, names, domain)
    for rule in end_rules:
        closed = opens[rule.index][0 if rule.side == "lo" else 1] is None
        if closed and strict:
            return [rule.value if j == rule.index else (lo + hi) / 2 for j, (lo, hi) in enumerate(box)]
    ladder = Ladder(form.G, names, opens, form.conditions, ob.facts)
    return form, prove_positive(ladder, box, strict, end_rules, budget, progress, candidates=cands), end_rules


# -- extremum bounds ---------------------------------------------------------------------------

def prove_defined(F, domain: Domain, budget: Budget | None = None) -> Result:
    """PROVED when F (as written) is defined and continuous at every point of the domain: the
    search closes a cell when F's decorated evaluation there is com (dac at open ends)."""
    names = domain.names
    budget = (budget or Budget()).started()
    domain.require_box("a definedness proof")
    if not all(iv.bounded for iv in domain.intervals):
        F, domain, _ = rules.compactify(F, domain)
    from .obligations import Obligations
    # first without obligations (no symbolic work), then with the proved domain facts; the
    # first try is short (every paper claim it decides takes one cell; a failed try is waste)
    ob = Obligations()
    quick = Budget(min(budget.cells, QUICK_CELLS), budget.depth, budget.seconds, budget.until)
    out = prove_positive(Ladder(N.ONE, names, opens_of(domain), [(F, "defined")]), box_of(domain), True, (),
                         quick, methods=("plain",))
    if out.status != "PROVED":
        ob, refuted = _obligations(F, domain, budget)
        if refuted is not None:
            return Result("REFUTED", witness=refuted.witness, reason=refuted.reason)
        ladder = Ladder(N.ONE, names, opens_of(domain), [(F, "defined")], ob.facts)
        out = prove_positive(ladder, box_of(domain), True, (), budget, methods=("plain",))
    if out.status != "PROVED":
        return Result("UNDECIDED", reason=f"could not show the expression defined: {out.reason}", cells=out.cells)
    cert = {"kind": "defined", "problem": {"obligations": ob.records},
            "tree": serialize(out.tree)}
    return Result("PROVED", cells=out.cells, certificate=cert)
