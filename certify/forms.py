"""The form the search proves positive: the slack F itself, or a rewrite that the search can close
at the domain's open ends (``choose_form``).

An open end (0 in (0, 1], an infinite end after compactification) is closed by the cells next to
it only if the form's enclosure there has a finite lower bound and, better, already decides the
sign.  F is kept when it does; else the form with positive factors dropped (``rules.drop_factors``)
when its end cells decide or it vanishes identically where they do not (an end rule then
decides there); else a power of the distance to the end times F, rewritten by sympy
(``rules.scale_end``), that tames a pole.  Every rewrite is an ordinary ``rules.Form`` whose
algebra and per-cell conditions the checker replays.
"""
from __future__ import annotations

from flint import fmpq

from . import rules
from .domain import Domain
from .enclose import Ladder, lower_positive
from .search import with_prec

END_WIDTH = fmpq(1, 256)
TINY_WIDTH = fmpq(1, 2 ** 30)      # an end cell this narrow that decides: bisection will get there


def opens_of(domain: Domain):
    """The open ends of each variable of a box domain, as (lo, hi) exact rationals (None: closed)."""
    return [(fmpq(int(iv.lo.p), int(iv.lo.q)) if iv.lo_open else None,
             fmpq(int(iv.hi.p), int(iv.hi.q)) if iv.hi_open else None) for iv in domain.intervals]


def box_of(domain: Domain):
    """The (lo, hi) exact rational ends of each variable of a bounded box domain."""
    return [(fmpq(int(iv.lo.p), int(iv.lo.q)), fmpq(int(iv.hi.p), int(iv.hi.q))) for iv in domain.intervals]


def _end_values(G, names, opens, box, facts=None, end_width=END_WIDTH) -> dict:
    """{(variable index, 'lo' | 'hi'): G's decorated value on the cell of width ``end_width``
    at that open end (None: not defined and continuous there)}."""
    ladder = Ladder(G, names, opens, facts=facts)
    out = {}
    for i, (o_lo, o_hi) in enumerate(opens):
        lo, hi = box[i]
        width = min(end_width, (hi - lo) / 2)
        for end, side, cell_i in ((o_lo, "lo", (lo, lo + width)), (o_hi, "hi", (hi - width, hi))):
            if end is not None:
                cell = tuple(cell_i if j == i else c for j, c in enumerate(box))
                out[(i, side)] = with_prec(53, ladder.plain, cell)
    return out


def _closable(values) -> bool:
    """Does G have a finite lower bound on every end cell (so that the search can close them)?"""
    return all(v is not None and v.lo is not None for v in values.values())


def _signed(values, strict: bool) -> bool:
    """Does G's value on every end cell already decide the sign?"""
    return all(lower_positive(v, strict) for v in values.values())


def _decided_or_vanishing(G, domain: Domain, strict: bool, facts) -> bool:
    """Does G's value decide the sign on every open end cell, or vanish identically at the
    ends where it does not (sin x - 0.84 x at 0: the end rule of ``rules.degenerate_ends``
    then decides there from the first derivative that does not vanish)?"""
    names, opens, box = domain.names, opens_of(domain), box_of(domain)
    values = _end_values(G, names, opens, box, facts)
    left = {key for key, v in values.items() if not lower_positive(v, strict)}
    if not left:
        return True
    ends = {(r.index, r.side) for r in rules.degenerate_ends(G, names, domain)}
    return left <= ends


def _undefined_at(F, domain: Domain, i: int, end) -> bool:
    """Is F as written undefined at variable i = end (the other variables at their midpoints)?
    (1/u at u = 0 after compactification: F's value there is only a limit.)"""
    from .expr import interval as I
    mids = [(lo + hi) / 2 for lo, hi in box_of(domain)]
    return rules.at_end(F, domain.names[i], end, domain.names, mids)[2] < I.DEF


def _rewritten_at_ends(F, domain: Domain, strict: bool, facts, values):
    """F bounded but undecided on an end cell where F is undefined at the end itself
    (compactified infinity, a removable singularity): sympy's rewrite of F (``rules.scale_end``
    with k = 0) when it decides there or vanishes identically (the end rule then decides from
    the first derivative that does not vanish), else None."""
    ok = lambda G: _decided_or_vanishing(G, domain, strict, facts)      # noqa: E731
    undecided = [key for key, v in values.items() if not lower_positive(v, strict)]
    if not undecided:
        return None
    opens = opens_of(domain)
    tiny = _end_values(F, domain.names, opens, box_of(domain), facts, TINY_WIDTH)
    for i, side in undecided:
        end = opens[i][0 if side == "lo" else 1]
        if lower_positive(tiny[(i, side)], strict) or not _undefined_at(F, domain, i, end):
            continue            # bisection decides it (no sympy), or F is defined at the end
        scaled = rules.scale_end(F, domain.names[i], end, side, ok, domain, range(0, 1))
        if scaled is not None:
            return scaled
    return None


def plain_first(F, domain: Domain, strict: bool, facts=None) -> bool:
    """Should F itself be searched (briefly) before ``choose_form`` tries symbolic rewrites?
    When F's enclosures on the open end cells are bounded below but do not decide the sign
    there, the search often closes those cells by a derivative form or an end rule (sqrt(u) at
    u = 0): then no rewrite is needed, and a failed sympy rewrite costs more than the search.
    Only a choice of work: whatever the search proves of F is checked as usual."""
    opens = opens_of(domain)
    if not any(o != (None, None) for o in opens):
        return False
    values = _end_values(F, domain.names, opens, box_of(domain), facts)
    return _closable(values) and not _signed(values, strict)


def choose_form(F, domain: Domain, strict: bool, facts=None) -> rules.Form:
    """F itself, or a rewrite that the search can close at the open ends (see the module doc).
    A form with a finite lower bound on the end cells may still never decide there (a sum of
    terms sharing exp(-1/u), whose dependency no cell removes): then the form with positive
    factors dropped is taken when its end cells decide and F's do not."""
    names, opens, box = domain.names, opens_of(domain), box_of(domain)
    ok = lambda G: _closable(_end_values(G, names, opens, box, facts))      # noqa: E731
    if not any(o != (None, None) for o in opens):
        return rules.Form(F)
    values = _end_values(F, names, opens, box, facts)
    if _closable(values) and _signed(values, strict):
        return rules.Form(F)
    dropped = rules.drop_factors(F, domain)
    if dropped is not None and _decided_or_vanishing(dropped.G, domain, strict, facts):
        return dropped
    if _closable(values):
        return _rewritten_at_ends(F, domain, strict, facts, values) or rules.Form(F)
    if dropped is not None and ok(dropped.G):
        return dropped
    # the factored form first: its poles are simpler, and failed sympy rewrites are the cost here
    starts = ([dropped] if dropped is not None else []) + [rules.Form(F, [(F, "defined")])]
    for start in starts:
        form, conds = start.G, list(start.conditions)
        for i, (o_lo, o_hi) in enumerate(opens):
            for end, side in ((o_lo, "lo"), (o_hi, "hi")):
                values = {} if end is None else _end_values(form, names, opens, box, facts)
                if end is None or _closable(values):
                    continue
                v = values[(i, side)]
                if v is not None and v.lo is not None:
                    continue     # this end closes as it is (another one does not)
                if v is None and not _undefined_at(form, domain, i, end):
                    continue     # defined at the end itself: a rewrite there only fights dependency
                # w^k (k >= 1) only tames a pole: G defined but unbounded below on the end cell
                powers = range(0, 5) if v is not None and v.lo is None else range(0, 1)
                scaled = rules.scale_end(form, names[i], end, side, ok, domain, powers)
                if scaled is not None:
                    form = scaled.G
                    conds += [c for c in scaled.conditions if c[1] != "defined"]
        if form is not start.G and ok(form):
            return rules.Form(form, conds)
    return rules.Form(F)


