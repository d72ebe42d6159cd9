"""Interior tangent zeros (certify.tangent): the domain is split at the rational zero, each half
closed there by its end rules; the checker replays the split and refuses a moved cut, a
duplicated half or a wrong margin; moving the constant the harmful way is never PROVED."""
import copy

import pytest

from certify import prove
from certify.checker.bundle import check_certificate
from certify.checker.terms import CheckError

TANGENT = [("exp(x) >= 1 + x", "x in [-1/7, 1/3]", "0"),
           ("log(x) <= x - 1", "x in [1/2, 2]", "1"),
           ("x - 1 - log(x) >= 0", "x in (0, oo)", "1"),
           ("x*exp(-x) <= exp(-1)", "x in [0, 5]", "1")]


@pytest.mark.parametrize("claim, over, at", TANGENT)
def test_proved_by_a_split_that_replays(claim, over, at):
    r = prove(claim, over)
    assert r.status == "PROVED", r.reason
    cert = r.certificate
    assert cert["kind"] == "split" and cert["at"] == at
    assert check_certificate(cert) > 0
    for tamper in ("at", "half", "margin"):
        bad = copy.deepcopy(cert)
        if tamper == "at":
            bad["at"] = "1/10" if at != "1/10" else "1/5"
        elif tamper == "half":
            bad["parts"] = [bad["parts"][0], bad["parts"][0]]
        else:
            bad["margin"] = ["1/1000", bad["margin"][1]]
        with pytest.raises(CheckError):
            check_certificate(bad)


@pytest.mark.parametrize("claim, over", [("exp(x) >= 1 + x + 1/1000000", "x in [-1/7, 1/3]"),
                                         ("exp(x) > 1 + x", "x in [-1/7, 1/3]"),
                                         ("log(x) <= x - 1 - 1/1000000", "x in [1/2, 2]")])
def test_harmful_twins_are_not_proved(claim, over):
    assert prove(claim, over).status != "PROVED"


def test_bound_on_a_half_line_by_body_and_tail():
    """bound --max of x^2 e^{-x} on [0, oo): the compactified search meets 0 * oo at infinity;
    the body [0, 8] is enclosed and x^2 e^{-x} <= (below the body's max) is proved on [8, oo)."""
    import math
    from certify import bound
    b = bound("x**2*exp(-x)", over="x in [0, oo)", kind="max")
    lo, hi = b
    assert b.status == "PROVED" and lo <= 4 * math.exp(-2) <= hi and hi - lo < 1e-8
    top = bound("atan(x)", over="x in [0, oo)", kind="max")
    assert top.status == "PROVED" and top.hi - top.lo < 1e-8
