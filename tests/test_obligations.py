"""Domain obligations (certify.obligations) proved once per run and reused only where they were proved."""
from certify.api import prove
from certify.domain import parse_domain
from certify.expr.parse import parse_expr
from certify.search import Budget


def test_a_proved_obligation_is_reused_on_its_own_domain_only():
    """acos's argument <= 1 is proved once on [0, 1/3] and reused by the next claim there; on
    [0, 2] it is false (33x/(10(1+x^2)) reaches 1.65): the obligations refute it there, not
    answered from the narrower domain (and the whole claim is refuted)."""
    from certify import prover
    prover._PROVED_OBLIGATIONS.clear()
    assert prove("acos(33*x/(10*(1+x**2))) >= 0", over="x in [0, 1/3]").status == "PROVED"
    proved = len(prover._PROVED_OBLIGATIONS)
    assert proved >= 1
    wide = parse_domain("x in [0, 2]")
    ob, refuted = prover._obligations(parse_expr("acos(33*x/(10*(1+x**2)))", ("x",)), wide, Budget().started())
    assert refuted is not None and "acos needs" in refuted.reason
    assert prove("acos(33*x/(10*(1+x**2))) >= 0", over="x in [0, 2]").status == "REFUTED"
    assert prove("acos(33*x/(10*(1+x**2))) <= 4", over="x in [0, 1/3]").status == "PROVED"
    assert len(prover._PROVED_OBLIGATIONS) == proved + 1        # only [0, 2]'s own lower-side fact
