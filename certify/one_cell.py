"""One cell first: a claim ``F > 0`` (``F >= 0``) on a bounded box that one evaluation of F on
the whole box decides (``Ladder.plain``: an arb ball, else decorated intervals without domain
facts).

A ball output is present only when every partial operation is certainly inside its domain on
the ball (``certify.evaluators``), and a decorated value counts only under decoration com (dac
at an open end): F is then defined and continuous on the box, so the lower end bounds F on
the whole domain, open ends included.  No counterexample can exist, no domain fact, end rule
or rewrite is needed, and the pipeline around the search (sampled refutation, obligations,
end rules, forms; ``certify.prover``) would only pay for what this one evaluation shows.  The proof is the ordinary search on the box (its candidate
points give the same margin), recorded as an ordinary ``forall`` certificate."""
from __future__ import annotations

from .enclose import Ladder, lower_positive
from .forms import box_of, opens_of
from .proved import forall_certificate
from .rules import Form
from .sampling import candidates
from .search import PRECISIONS, prove_positive, with_prec


def decided(F, strict: bool, domain, budget):
    """(margin, certificate, outcome) when one evaluation of F on the bounded box domain decides
    the claim, else None."""
    if not all(iv.bounded for iv in domain.intervals):
        return None
    names, box, opens = domain.names, box_of(domain), opens_of(domain)
    ladder = Ladder(F, names, opens)
    if not lower_positive(with_prec(PRECISIONS[0], ladder.plain, box), strict):
        return None
    out = prove_positive(ladder, box, strict, (), budget, candidates=candidates(F, names, box, opens, strict))
    if out.status != "PROVED":
        return None
    return (*forall_certificate(out, strict, Form(F), [], []), out)
