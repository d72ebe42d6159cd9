"""certify.matrices: NSD with a prescribed kernel, on matrices with known answers."""
import random

import pytest
import sympy

from certify.errors import CertifyInputError
from certify.matrices import MatrixClaim, certify_nsd_kernel, laplacian

R = sympy.Rational


def neg_laplacian(weights):
    """-L for a weighted graph: NSD, kernel = constants iff the graph is connected."""
    return [[-e for e in row] for row in laplacian(weights)]


def random_weights(n, seed, zero_prob=0.0):
    rng = random.Random(seed)
    w = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            v = 0 if rng.random() < zero_prob else R(rng.randint(1, 50), rng.randint(1, 7))
            w[i][j] = w[j][i] = v
    return w


@pytest.mark.parametrize("seed", range(5))
def test_connected_graph_laplacian_is_proved(seed):
    n = 5 + 3 * seed
    # L = D - A with positive weights is PSD; M = -L is NSD with kernel span(1)
    M = neg_laplacian(random_weights(n, seed))
    r = certify_nsd_kernel(M, [1] * n)
    assert r.status == "PROVED", r.reason
    assert float(r.margin[1]) < 0


def test_margin_encloses_the_known_eigenvalue():
    # complete graph K_n with unit weights: -L has eigenvalues 0 and -n (multiplicity n - 1)
    n = 7
    w = [[0 if i == j else 1 for j in range(n)] for i in range(n)]
    r = certify_nsd_kernel(neg_laplacian(w), [1] * n)
    lo, hi = (float(v) for v in r.margin)
    assert r.status == "PROVED" and lo <= -n <= hi


def test_symbolic_entries():
    a = sympy.exp(R(3, 2)) * R(7, 4)
    w = [[0, a, sympy.sqrt(2)], [a, 0, sympy.pi], [sympy.sqrt(2), sympy.pi, 0]]
    assert certify_nsd_kernel(neg_laplacian(w), [1, 1, 1]).status == "PROVED"


def test_disconnected_graph_has_a_larger_kernel_not_proved():
    # two components: kernel is two-dimensional, so "kernel exactly span(1)" is false
    w = [[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 2], [0, 0, 2, 0]]
    assert certify_nsd_kernel(neg_laplacian(w), [1, 1, 1, 1]).status != "PROVED"


def test_indefinite_matrix_is_refuted():
    # a negative weight makes -L indefinite
    w = [[0, 1, -3], [1, 0, 1], [-3, 1, 0]]
    assert certify_nsd_kernel(neg_laplacian(w), [1, 1, 1]).status == "REFUTED"


def test_wrong_kernel_vector_is_refuted():
    M = neg_laplacian(random_weights(4, 1))
    assert certify_nsd_kernel(M, [1, 1, 1, 2]).status == "REFUTED"


def test_other_kernel_vectors():
    # M = D (-L) D with D = diag(d): NSD with kernel span(D^{-1} 1)
    d = [R(1), R(2), R(3), R(1, 2)]
    L = neg_laplacian(random_weights(4, 3))
    M = [[d[i] * L[i][j] * d[j] for j in range(4)] for i in range(4)]
    assert certify_nsd_kernel(M, [1 / q for q in d]).status == "PROVED"


def test_asymmetric_matrix_is_refuted():
    assert certify_nsd_kernel([[-1, 1], [2, -2]], [1, 1]).status == "REFUTED"


def test_floats_are_refused():
    with pytest.raises(CertifyInputError):
        certify_nsd_kernel([[sympy.Float("-1.0"), 1], [1, -1]], [1, 1])


def test_claim_kind_and_lazy_matrix():
    built = []

    def build():
        built.append(1)
        return neg_laplacian([[0, 1], [1, 0]])

    claim = MatrixClaim("m", "two particles", "", matrix=build, size=2)
    assert claim.kind == "matrix" and not built
    assert claim.run().status == "PROVED" and built


def test_entries_are_evaluated_as_trees_with_decoration_com():
    from flint import arb
    from certify.matrices import _constant
    v = _constant(sympy.sqrt(2) * sympy.pi + R(1, 3))
    assert v.is_finite() and v.contains(arb(2).sqrt() * arb.pi() + arb(1) / 3) and v.rad() < 1e-13
    # acos(3/2) is not a real number: never a ball, so a matrix holding it is not decided
    a = sympy.acos(R(3, 2))
    assert not _constant(a).is_finite()
    bad = [[-1 - a, 1 + a], [1 + a, -1 - a]]          # exactly symmetric, M (1, 1) = 0 exactly
    r = certify_nsd_kernel(bad, [1, 1])
    assert r.status == "UNDECIDED" and "finite" in r.reason


def test_twin_classes_of_the_3_cluster_hessian():
    from certify.twin_classes import TwinForm
    from lemmas.appendix_c6 import hessian_3cluster
    f = TwinForm(hessian_3cluster(30, R(-2)), [1] * 30)
    assert f.size == [10, 10, 10] and f.cls[:6] == [0, 1, 2, 0, 1, 2]
    assert TwinForm(hessian_3cluster(3, R(-2)), [1] * 3).size == [3]       # n = 3: one class


def test_rows_equal_up_to_a_swap_but_asymmetric_fall_back_to_singletons():
    # rows 0, 1, 2 are pairwise equal up to swapping their two positions, but M[1][2] != M[2][1]
    a, b, c = sympy.Integer(-5), sympy.Integer(1), sympy.Integer(2)
    r = certify_nsd_kernel([[a, b, c], [b, a, c], [c, b, a]], [1, 1, 1])
    assert r.status == "REFUTED" and r.witness == {"i": "1", "j": "2"}


def test_twins_with_different_kernel_entries_are_split():
    # M = -J (2 x 2) is NSD with kernel span(1, -1); the two rows are twins
    r = certify_nsd_kernel([[-1, -1], [-1, -1]], [1, -1])
    assert r.status == "PROVED" and r.certificate["claim"]["classes"] == [0, 1]
    lo, hi = (float(v) for v in r.margin)
    assert lo < -2 < hi


def test_one_by_one_zero_matrix_has_no_margin():
    r = certify_nsd_kernel([[0]], [3])
    assert r.status == "PROVED" and r.margin is None and "margin" not in r.certificate


def test_claim_record_statement_and_certificate_agree():
    from certify.checker.bundle import statement
    claim = MatrixClaim("m.k4", "", "", matrix=neg_laplacian(random_weights(4, 2)))
    r = claim.run()
    assert r.certificate["claim"] == claim.record() == claim.record_for(r)
    refuted = MatrixClaim("m.pos", "", "", matrix=[[1, 0], [0, 1]], kernel=(1, 1)).run()
    assert refuted.certificate is None and claim.record_for(refuted) == claim.record()
    assert claim.describe() == statement("matrix", claim.record())
    assert r.certificate["margin"] == r.margin
