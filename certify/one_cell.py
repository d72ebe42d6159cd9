"""One cell first: a claim ``F > 0`` (``F >= 0``) on a bounded box that one evaluation of F on
the whole box decides (``Ladder.plain``: an arb ball, else decorated intervals without domain
facts).

A ball output is present only when every partial operation is certainly inside its domain on
the ball (``certify.evaluators``), and a decorated value counts only under decoration com (dac
at an open end): F is then defined and continuous on the box, so the lower end bounds F on
the whole domain, open ends included.  No counterexample can exist, no domain fact, end rule
or rewrite is needed, and the pipeline around the search (sampled refutation, obligations,
end rules, forms; ``certify.prover``) would only pay for what this one evaluation shows.
The proof is one leaf of the ordinary search on the box (the same candidate points give the
same margin), recorded as an ordinary ``forall`` certificate."""
from __future__ import annotations

from .cell_forms import midpoint
from .enclose import Ladder, lower_end, lower_positive
from .evaluators import BALLS, DECORATED
from .forms import box_of, opens_of
from .proved import forall_certificate
from .rules import Form
from .sampling import candidates
from .search import PRECISIONS, Outcome, probe, with_prec


def decided(F, strict: bool, domain):
    """(margin, certificate, outcome) when one evaluation of F on the bounded box domain decides
    the claim, else None.  The outcome is the one ``search.prove_positive`` would reach on the
    box (the same candidate points probed for the margin's upper end, one leaf), without its
    queue."""
    if not all(iv.bounded for iv in domain.intervals):
        return None
    names, box, opens = domain.names, box_of(domain), opens_of(domain)
    ladder = Ladder(F, names, opens)
    value = with_prec(PRECISIONS[0], _plain, ladder, box, strict)
    if value is None:
        return None
    out = Outcome("PROVED", tree={"leaf": "plain", "prec": PRECISIONS[0]}, cells=1, methods={"plain": 1},
                  min_lower=lower_end(value))
    for pt in candidates(F, names, box, opens, strict) + [midpoint(box)]:
        if probe(ladder, pt, strict, PRECISIONS[0], out)[2] is not None:
            return None                  # cannot happen where F is com and positive on the box
    return (*forall_certificate(out, strict, Form(F), [], []), out)


def _plain(ladder, box, strict):
    """F on the box when that decides: the ball, else decorated (as ``search.decide_cell``)."""
    for ev in (BALLS, DECORATED):
        value = ladder.plain(box, ev)
        if lower_positive(value, strict):
            return value
    return None
