"""Lemma C.6: expected statuses (printed errors REFUTED), mutated twins, the arb Hessian claims,
and its C_beta (lemmas/c6_cbeta.py): the table, its agreement with the claims' constants and with
the float64 simulator (issue 13), and the 3-cluster spectrum behind condition (b)."""
from functools import partial

import numpy as np
import pytest

from _lemma_checks import Checks, standard_tests
from certify.matrices import MatrixClaim
from lemmas import appendix_c6
from lemmas.c6_cbeta import Plan
from lemmas.functions import R

REFUTED = {"C.6.printed_labels_n4", "C.6.hessian_offdiag_n2", "C.6.printed_difference_set"}
CHECKS = Checks(appendix_c6, refuted=REFUTED)
globals().update(standard_tests(CHECKS))

# beta: n0 per class (3k+1 (a), (b); 3k+2 (a), (b); 3m+2 balanced (a), (b)), then C_beta (a), (b),
# balanced (a), (b); float64 bisection of the thresholds agrees (test_simulator_agrees_with_the_table)
TABLE = {
    "-0.7": (5446, 4129, 10892, 8255, 1379, 1379, 10890, 8253, 5444, 4127),
    "-0.8": (364, 283, 725, 563, 95, 95, 723, 561, 362, 281),
    "-1": (67, 52, 131, 104, 20, 20, 129, 102, 65, 50),
    "-2": (7, 7, 14, 11, 5, 5, 12, 9, 5, 5),
    "-10": (4, 4, 5, 5, 5, 5, 3, 3, 3, 3),
}
CLASSES = (("up", 1, "paper"), ("up", 2, "paper"), ("down", 2, "balanced"))


def test_lemma_and_module_layout():
    assert [lemma.id for lemma in appendix_c6.LEMMAS] == ["C.6"]
    import lemmas
    ids = [lemma.id for lemma in lemmas.registry()]
    assert ids.index("C.6") == ids.index("C.5") + 1


def test_C6_sign_facts_cover_the_unbounded_range():
    for cid in ("C.6.fprime_2pi3_pos", "C.6.fprime_4pi3_pos", "C.6.rho_at_2pi3"):
        assert CHECKS.claims[cid].over == "b in (-oo, -2/3)"


def test_C6_hessians_for_each_n_and_beta():
    ids = set(CHECKS.ids())
    for n in (3, 6, 30, 300):
        for beta in ("-0.7", "-1", "-2", "-10"):
            assert f"C.6.hessian_nsd.n{n}.b{beta}" in ids


def test_C6_margin_is_the_known_eigenvalue():
    # -L is a weighted graph Laplacian: its smallest nonzero eigenvalue is n f'(2pi/3) (< k + 2k f'(2pi/3)
    # when f'(2pi/3) < 1), e.g. 3 * 0.0714413 at n = 3, beta = -0.7
    import math
    r = CHECKS.result("C.6.hessian_nsd.n3.b-0.7")
    lo, hi = (float(v) for v in r.margin)
    known = -3 * (-0.5 + 0.75 * 0.7) * math.exp(1.5 * 0.7)      # -n f'(2pi/3)
    assert lo - 1e-12 <= known <= hi + 1e-12 and hi - lo < 1e-8


@pytest.mark.parametrize("beta", ["-0.6", "-1/2"])
def test_C6_hessian_outside_the_range_is_refuted(beta):
    # for beta > -2/3 the inter-cluster weight f'(2pi/3) is negative: the configuration is a saddle
    claim = MatrixClaim("C.6.outside", "", "", matrix=partial(appendix_c6.hessian_3cluster, 6, R(beta)), size=6)
    assert claim.run().status == "REFUTED"


def test_cbeta_table_rows():
    (table,) = appendix_c6.lemma_C6.tables
    assert {row[0]: tuple(row[1:]) for row in table.rows} == TABLE
    for row, ids in zip(table.rows, table.backing):
        assert set(ids) <= set(CHECKS.ids())
        assert all(CHECKS.result(cid).status == "PROVED" for cid in ids), row[0]


@pytest.mark.parametrize("beta", sorted(TABLE))
def test_table_thresholds_are_the_claims_constants(beta):
    """n0 = 3k* + r is what the claims state: RHO beyond rho_{k*} (holds) and beyond rho_{k*-1} (fails)."""
    plan = Plan(beta)
    by_id = {c.id: c for c in plan.claims}
    for row in plan.rows:
        k = row.k_star
        rho = 1 + R(row.r, k) if row.side == "up" else R(k, k + 1)
        holds = [by_id[c] for c in row.claims if c.endswith("holds.rho")]
        assert [c.rhs for c in holds] == [rho]
        fails = [by_id[c] for c in row.claims if ".fails.rho" in c and "rho_left" not in c]
        if k == 1:
            assert not fails
        else:
            # rho at the largest failing k (up: the smaller of the classes' sharing the claim)
            failing = 1 + R(row.r, k - 1) if row.side == "up" else R(k - 1, k)
            assert fails and all((rho < c.rhs <= failing) if row.side == "up" else c.rhs == failing for c in fails)


@pytest.mark.parametrize("beta", sorted(TABLE))
def test_simulator_agrees_with_the_table(beta):
    """Issue 13: the float64 three-cluster thresholds (certify.simulate) are the certified ones."""
    from certify.simulate.configurations import stability_thresholds
    row = TABLE[beta]
    for i, (side, residue, split) in enumerate(CLASSES):
        n_max = max(row[2 * i:2 * i + 2]) + 60
        got = stability_thresholds(float(R(beta)), n_max, residue, split)
        assert (got["sign"]["n0"], got["stable"]["n0"]) == row[2 * i:2 * i + 2], (beta, split, residue)
        assert got["sign"]["exceptions"] == [] and got["stable"]["exceptions"] == []


@pytest.mark.parametrize("n0,k,beta,alpha", [(4, 3, -1.0, 2.0), (2, 1, -2.0, 1.7), (1, 2, -0.8, 2.3),
                                             (5, 5, -10.0, 2.09)])
def test_spectrum_of_the_3cluster_laplacian(n0, k, beta, alpha):
    """C.6.spectrum: the eigenvalues of L (L_ij = f'(x_i - x_j), L_ii = -sum_{j != i}) for any alpha."""
    def fp(v):
        return (np.cos(v) - beta * np.sin(v) ** 2) * np.exp(beta * (np.cos(v) - 1))
    xs = np.repeat([0.0, alpha, -alpha], [n0, k, k])
    L = fp(xs[:, None] - xs[None, :])
    np.fill_diagonal(L, 0.0)
    L -= np.diag(L.sum(axis=1))
    a, c = fp(alpha), fp(2 * alpha)
    n = n0 + 2 * k
    expected = [0.0, -n * a, -(n0 * a + 2 * k * c)] + [-(n0 + 2 * k * a)] * (n0 - 1) \
        + [-(k + n0 * a + k * c)] * (2 * (k - 1))
    assert np.allclose(np.sort(np.linalg.eigvalsh(L)), np.sort(expected), atol=1e-9 * max(1.0, np.abs(L).max()))


@pytest.mark.parametrize("beta", ["-2/3", "-0.5", "1"])
def test_plan_needs_beta_below_minus_two_thirds(beta):
    with pytest.raises(ValueError, match="beta < -2/3"):
        Plan(beta)


def _cbeta(capsys, *argv):
    import json
    from certify.cli import main
    code = main(["cbeta", *argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if "--json" in argv else out), err


def test_cbeta_command_computes_a_row_and_writes_a_checked_bundle(capsys, tmp_path):
    code, doc, _ = _cbeta(capsys, "--beta=-2", "--json", "--quiet", "--out", str(tmp_path))
    assert code == 0 and doc["status"] == "PROVED" and doc["command"] == "cbeta" and not doc["not_proved"]
    assert tuple(doc["row"].values())[1:] == TABLE["-2"]
    from certify.cli import main
    assert main(["check", str(tmp_path / "certificate.json"), "--quiet"]) == 0
    code, text, err = _cbeta(capsys, "--beta=-3/2", "--quiet")      # any exact beta < -2/3
    assert code == 0 and "C_beta (b)" in text and err == ""


@pytest.mark.parametrize("beta", ["-2/3", "-0.5", "0", "x", "1e"])
def test_cbeta_command_rejects_beta_outside_the_range_in_one_line(capsys, beta):
    code, doc, err = _cbeta(capsys, f"--beta={beta}", "--json")
    assert code == 2 and doc["status"] == "ERROR" and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.mark.parametrize("beta", ["-0.8", "-1", "-2"])
def test_shifted_thresholds_are_not_proved(beta):
    """The mutated twins of a row: 'holds' with rho at k* - 1 and 'fails' with rho at k* (n0 moved by
    one step of the class either way) must not be PROVED."""
    from certify.claims import Inequality
    plan = Plan(beta)
    by_id = {c.id: c for c in plan.claims}
    tried = 0
    for row in plan.rows:
        if row.k_star == 1:
            continue
        k, up = row.k_star, row.side == "up"
        holds = next(by_id[c] for c in row.claims if c.endswith("holds.rho"))
        fails = [by_id[c] for c in row.claims if ".fails.rho" in c and "rho_left" not in c]
        shifted = [(holds, 1 + R(row.r, k - 1) if up else R(k - 1, k))]
        # the fails claims of a row sharing them with another class use the smaller rho; move this row's
        shifted += [(c, 1 + R(row.r, k) if up else R(k, k + 1)) for c in fails if c.rhs == (
            1 + R(row.r, k - 1) if up else R(k - 1, k))]
        for claim, rhs in shifted:
            twin = Inequality(claim.id + ".twin", "", "", lhs=claim.lhs, op=claim.op, rhs=rhs, over=claim.over)
            assert twin.run().status != "PROVED", (twin.id, rhs)
            tried += 1
    assert tried >= 4
