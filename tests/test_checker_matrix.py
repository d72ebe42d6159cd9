"""certify.checker.matrix: matrix certificates replay without numpy, and tampering is caught."""
import ast
import copy
import json
import pathlib
import time

import numpy as np
import pytest
import sympy

from certify.checker.forall import claim_hash
from certify.checker.matrix import check_matrix
from certify.checker.reader import read_expr
from certify.checker.terms import CheckError, to_sympy
from certify.matrices import certify_nsd_kernel, laplacian, matrix_record
from certify.twin_classes import TwinForm
from lemmas.appendix_c6 import hessian_3cluster

R = sympy.Rational
C6 = [(n, beta) for n in (3, 6, 30, 300) for beta in ("-0.7", "-1", "-2", "-10")]


def neg_laplacian(weights):
    return [[-e for e in row] for row in laplacian(weights)]


def prove(rows, kernel, name="M"):
    r = certify_nsd_kernel(rows, kernel, name)
    assert r.status == "PROVED", r.reason
    return json.loads(json.dumps(r.certificate))          # what a certificate file holds


@pytest.fixture(scope="module")
def c6():
    return {(n, beta): prove(hessian_3cluster(n, R(beta)), [1] * n, f"C.6.hessian_nsd.n{n}.b{beta}")
            for n, beta in C6}


def test_the_C6_certificates_replay_quickly(c6):
    start = time.monotonic()
    assert [check_matrix(c6[key]) for key in C6] == [n for n, _ in C6]
    assert time.monotonic() - start < 2
    assert len(c6[300, "-1"]["claim"]["diagonal"]) == 3            # three twin classes


def test_certificates_hold_no_float_dependent_numbers(c6):
    cert = c6[300, "-0.7"]
    assert set(cert) == {"kind", "claim", "hash", "versions", "method", "c", "margin"}
    assert set(cert["claim"]) == {"name", "n", "kernel", "entries", "classes", "diagonal", "blocks"}
    assert cert["margin"] == ["-21.43238339", "-21.43238338"]


@pytest.mark.parametrize("n,beta", [(6, "-0.7"), (30, "-10")])
def test_entry_texts_read_back_to_the_same_sympy_expressions(c6, n, beta):
    values = TwinForm(hessian_3cluster(n, R(beta)), [1] * n).values
    assert [to_sympy(read_expr(t, ()), {}) for t in c6[n, beta]["claim"]["entries"]] == values


def test_symbolic_entries_read_back_and_replay():
    a = sympy.exp(R(3, 2)) * R(7, 4)
    w = [[0, a, sympy.sqrt(2)], [a, 0, sympy.pi], [sympy.sqrt(2), sympy.pi, 0]]
    rows = neg_laplacian(w)
    cert = prove(rows, [1, 1, 1])
    assert [to_sympy(read_expr(t, ()), {}) for t in cert["claim"]["entries"]] == TwinForm(rows, [1] * 3).values
    assert check_matrix(cert) == 3


@pytest.mark.parametrize("n", [5, 17, 40])
def test_unstructured_matrices_replay(n):
    import random
    rng = random.Random(n)
    w = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            w[i][j] = w[j][i] = R(rng.randint(1, 50), rng.randint(1, 7))
    assert check_matrix(prove(neg_laplacian(w), [1] * n)) == n


def test_other_kernel_vectors_replay():
    d = [R(1), R(2), R(3), R(1, 2)]
    L = neg_laplacian([[0, 1, 2, 3], [1, 0, 4, 5], [2, 4, 0, 6], [3, 5, 6, 0]])
    M = [[d[i] * L[i][j] * d[j] for j in range(4)] for i in range(4)]
    assert check_matrix(prove(M, [1 / q for q in d])) == 4
    # twins whose kernel entries differ: the classes are split by v
    assert check_matrix(prove([[-1, -1], [-1, -1]], [1, -1])) == 2


def _set(cert, path, value, rehash=True):
    cert = copy.deepcopy(cert)
    node = cert
    for key in path[:-1]:
        node = node[key]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value(node[path[-1]]) if callable(value) else value
    if rehash and "claim" in cert:
        cert["hash"] = claim_hash(cert["claim"])
    return cert


_DELETE = object()
TAMPERS = [
    (("claim", "entries", 1), "exp(3/2)/5", True, "M v"),                  # an inter-cluster weight
    (("claim", "entries", 1), "exp(3/2)/5", False, "hash"),                # hash not recomputed
    (("claim", "entries", 0), "1 +", True, "expected"),                    # unreadable text
    (("claim", "classes", 0), 1, True, "M v"),                             # pattern: index 0 moved
    (("claim", "classes", 0), 3, True, "index below 3"),
    (("claim", "blocks", 0, 1), 2, True, "block (0, 1)"),                  # pattern: asymmetric
    (("claim", "blocks", 0, 0), None, True, "block entry"),
    (("claim", "diagonal", 0), 1, True, "M v"),
    (("claim", "kernel", 0), "2", True, "not constant on a class"),
    (("claim", "kernel"), lambda k: ["1", "-1", "0"] * (len(k) // 3), True, "M v"),
    (("claim", "kernel"), lambda k: k[1:], True, "length n"),
    (("claim", "kernel"), lambda k: ["0"] * len(k), True, "is 0"),
    (("c",), "0", False, "not certainly positive definite"),               # K = -M is singular
    (("c",), "-1", False, "not certainly positive definite"),              # v^T K v < 0
    (("c",), "1/1000000", False, "lower end proves nothing"),
    (("c",), "0.5", False, "lower end proves nothing"),
    (("c",), "pi", False, "not an exact rational"),
    (("margin",), ["-32.40844537", "-32.40844536"], False, "upper end"),
    (("margin",), ["-32.40844535", "-32.40844534"], False, "lower end"),
    (("margin",), ["-1"], False, "[lo, hi]"),
    (("claim", "n"), 31, True, "one per index"),
    (("claim", "n"), "30", True, "positive integer"),
    (("c",), _DELETE, False, "'c' is missing"),
    (("claim",), _DELETE, False, "'claim' is missing"),
    (("claim", "blocks"), _DELETE, True, "malformed"),
    (("claim", "extra"), "1", True, "malformed"),
    (("weyl_lower",), "0.2", False, "unknown fields"),
    (("kind",), "matrix2", False, "not a matrix certificate"),
]


@pytest.mark.parametrize("path,value,rehash,reason", TAMPERS,
                         ids=[f"{'.'.join(map(str, t[0]))}:{t[3]}" for t in TAMPERS])
def test_tampered_certificate_is_rejected(c6, path, value, rehash, reason):
    cert = _set(c6[30, "-1"], path, value, rehash)
    with pytest.raises(CheckError) as e:
        check_matrix(cert)
    assert reason in str(e.value) and "\n" not in str(e.value)


def test_c_is_not_trusted_but_any_working_c_proves_the_claim(c6):
    cert = _set(c6[30, "-1"], ("margin",), _DELETE)
    assert check_matrix(_set(cert, ("c",), "1/1000000")) == 30           # any c > 0 works here
    assert check_matrix(_set(c6[30, "-1"], ("margin",), ["-1000", "-1/1000"])) == 30   # a wider margin


def _forged(rows, kernel, c="1000"):
    cert = {"kind": "matrix", "c": c, "claim": matrix_record(rows, kernel, "forged")}
    cert["hash"] = claim_hash(cert["claim"])
    return json.loads(json.dumps(cert))


def test_an_indefinite_matrix_is_not_certified_and_a_forgery_is_rejected():
    M = neg_laplacian([[0, 1, -3], [1, 0, 1], [-3, 1, 0]])
    assert certify_nsd_kernel(M, [1, 1, 1]).status == "REFUTED"
    for c in ("1", "1000", "10"):
        with pytest.raises(CheckError, match="not certainly positive definite"):
            check_matrix(_forged(M, [1, 1, 1], c))


def test_a_larger_kernel_is_not_certified_and_a_forgery_is_rejected():
    M = neg_laplacian([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 2], [0, 0, 2, 0]])
    assert certify_nsd_kernel(M, [1] * 4).status != "PROVED"
    with pytest.raises(CheckError, match="not certainly positive definite"):
        check_matrix(_forged(M, [1] * 4))
    with pytest.raises(CheckError, match="not certainly positive definite"):
        check_matrix(_forged(M, [1, 1, 0, 0]))                          # M v = 0 holds here too


def test_an_undefined_entry_is_rejected():
    # exactly symmetric with M (1, 1) = 0, but acos(3/2) is no real number
    cert = _forged([[-1, 1], [1, -1]], [1, 1], "2")
    claim = cert["claim"]
    claim["entries"] = ["-1 - acos(3/2)" if claim["entries"][k] == "-1" else "1 + acos(3/2)"
                        for k in range(len(claim["entries"]))]
    cert["hash"] = claim_hash(claim)
    with pytest.raises(CheckError, match="not a defined finite number"):
        check_matrix(cert)


def _bytes(rows, kernel):
    return json.dumps(certify_nsd_kernel(rows, kernel, "M").certificate, sort_keys=True)


@pytest.mark.parametrize("shift", [1e-10, -1e-10])
@pytest.mark.parametrize("case", ["C6", "random"])
def test_certificates_are_deterministic_and_independent_of_numpy(monkeypatch, case, shift):
    if case == "C6":
        rows, kernel = hessian_3cluster(30, R(-2)), [1] * 30
    else:
        rows, kernel = neg_laplacian([[0, 3, R(1, 2), 7], [3, 0, 2, 1], [R(1, 2), 2, 0, 5], [7, 1, 5, 0]]), [1] * 4
    first = _bytes(rows, kernel)
    assert _bytes(rows, kernel) == first
    eigvalsh, calls = np.linalg.eigvalsh, []

    def other_eigvalsh(a):        # another float answer: eigenvalues off by up to a grid step
        calls.append(1)
        return eigvalsh(a) * (1 + shift)

    monkeypatch.setattr(np.linalg, "eigvalsh", other_eigvalsh)
    assert _bytes(rows, kernel) == first and calls


def test_the_checker_imports_nothing_but_flint_sympy_and_its_package():
    tree = ast.parse((pathlib.Path(__file__).parents[1] / "certify/checker/matrix.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert all(a.name.split(".")[0] in ("flint", "sympy") for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 1 or node.module in ("__future__", "flint", "sympy")
