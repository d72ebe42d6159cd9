"""The independent checker (certify.checker): honest certificates replay, and every field of
every certificate kind changed to a wrong value is rejected with a one-line reason."""
from __future__ import annotations

import ast
import copy
import json
import sys
from pathlib import Path

import pytest

from certify.api import prove
from certify.checker.bundle import NotABundle, check_bundle, check_certificate, check_entry
from certify.checker.forall import claim_hash
from certify.checker.terms import CheckError
from certify.claims import Identity, Inequality, Limit, RootCount
from certify.report import bundle_entry

CHECKER = Path(__file__).resolve().parent.parent / "certify" / "checker"

CLAIMS = {
    "open_end": ("log(x) < x", "x in (0, 10]"),
    "infinite": ("atan(x) < 1.6", "x in [0, oo)"),
    "obligation": ("sqrt(2 - 3/(2*b)) < 1", "b in [3/4, 1)"),
    "end_rule": ("1 - cos(x) > 0", "x in (0, 1]"),
    "tail_up": ("sqrt(2)*sqrt(z)*((-3) + 2*z)*exp((-1)*z) < 3/8", "z in [0, oo)"),
    "tail_down": ("sqrt(2)*sqrt(z)*((-1) + 3*z + (-1)*z**2)*exp((-1)*z) <= 31/125*sqrt(70)*exp(-7/5)", "z in [7/5, oo)"),
    "nonneg_factor": ("2*sqrt(x) - x*sqrt(x) >= 0", "x in [0, 1]"),   # plain cannot see 2 - x >= 0 at x = 0
    "two_vars": ("exp(y) - exp(x) > -2", "x in [0, 1], y in [0, 2]"),
}


@pytest.fixture(scope="module")
def certs():
    out = {}
    for key, (claim, over) in CLAIMS.items():
        r = prove(claim, over)
        assert r.status == "PROVED", key
        out[key] = r.certificate
    ident = Identity("t.identity", "", lhs="sqrt(x**2)*exp(log(y))", rhs="x*y", over="x in [0, 1], y in [1, 2]")
    lim = Limit("t.limit", "", expr="x*sin(1/x)", var="x", value="1")
    rc = RootCount("t.roots", "", expr="z**2 - b", var="z", points=("-oo", "0", "oo"), signs="+-+",
                   degree=2, over="b in [1, 2]")
    for key, claim in (("identity", ident), ("limit", lim), ("rootcount", rc)):
        r = claim.run()
        assert r.status == "PROVED", key
        out[key] = r.certificate
    return out


def test_checker_imports_nothing_of_the_prover():
    """Only the standard library, python-flint, sympy and the checker's own modules."""
    allowed = {"flint", "sympy", "__future__"}
    for path in CHECKER.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                if node.level == 1:
                    continue
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in allowed or top in sys.stdlib_module_names, f"{path.name} imports {name}"
                assert not name.startswith("certify") or name.startswith("certify.checker"), f"{path.name}: {name}"


def test_honest_certificates_replay(certs):
    for key, cert in certs.items():
        assert check_certificate(cert) >= 0, key


def _set(cert, path, value, rehash=False):
    c = copy.deepcopy(cert)
    node = c
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value(node[path[-1]]) if callable(value) else value
    if rehash:
        c["hash"] = claim_hash(c["claim"])
    return c


def _rejected(cert):
    with pytest.raises(CheckError) as info:
        check_certificate(cert)
    msg = str(info.value)
    assert msg and "\n" not in msg
    return msg


# (certificate, path, wrong value, recompute the claim hash?)
TAMPERS = [
    ("open_end", ("claim", "rhs"), "x - 1", False),                        # hash no longer matches
    ("open_end", ("claim", "rhs"), "x - 1", True),                         # false claim: leaves fail
    ("open_end", ("claim", "domain"), "x in [0, 10]", True),               # open end closed: log(0)
    ("open_end", ("claim", "domain"), "y in (0, 10]", True),               # variable renamed
    ("open_end", ("claim", "op"), ">", True),
    ("open_end", ("tree", "at"), "11", False),                             # split outside its cell
    ("open_end", ("tree", "children"), lambda ch: ch[:1], False),
    ("open_end", ("tree", "split"), 1, False),
    ("open_end", ("margin",), ["1000", "1000"], False),
    ("open_end", ("margin",), ["0", "1/1000"], False),                     # upper end below inf
    ("open_end", ("margin_point",), ["0"], False),                         # the open end itself
    ("open_end", ("kind",), "extremum", False),
    ("open_end", ("kind",), "matrix", False),
    ("infinite", ("claim", "rhs"), "1.5707963", True),                     # false: pi/2 > 1.5707963
    ("infinite", ("margin",), ["0.1399", "0.2479"], False),                # the old, untrue margin
    ("obligation", ("problem", "obligations"), [], False),                 # dropped obligations
    ("obligation", ("problem", "obligations", 0, "certificate", "claim", "rhs"), "1/2", True),
    ("obligation", ("problem", "obligations", 0, "certificate", "claim", "domain"), "b in [3/4, 1]", True),
    ("obligation", ("problem", "obligations", 0, "certificate", "problem", "end_rules", 0, "value"), "1", False),
    ("end_rule", ("problem", "end_rules"), [], False),
    ("end_rule", ("problem", "end_rules", 0, "side"), "hi", False),
    ("end_rule", ("problem", "end_rules", 0, "var"), 1, False),
    ("obligation", ("problem", "obligations", 0, "expr"), "b", False),
    ("obligation", ("problem", "obligations", 0, "op"), ">", False),
    ("tail_up", ("direction",), "decreasing", False),
    ("tail_up", ("body",), lambda b: {**b, "tree": {"leaf": "plain", "prec": 53}}, False),
    ("end_rule", ("problem", "end_rules", 0, "order"), 1, False),
    ("end_rule", ("claim", "domain"), "x in [0, 1]", True),                # strict claim, closed end
    ("nonneg_factor", ("problem", "form", "conditions"), lambda cs: cs[:1], False),   # factor dropped
    ("nonneg_factor", ("problem", "form", "conditions", 2, "kind"), "multiplier", False),
    ("nonneg_factor", ("problem", "form", "conditions", 2, "expr"), "x", False),
    ("nonneg_factor", ("problem", "form", "conditions", 0, "kind"), "positive", False),
    ("nonneg_factor", ("problem", "form", "expr"), "3 - x", False),
    ("nonneg_factor", ("claim", "op"), ">", True),                         # nonnegative factor, strict claim
    ("two_vars", ("claim", "domain"), "x in [0, 2], y in [0, 1]", True),   # ranges swapped
    ("two_vars", ("claim", "rhs"), "-1", True),
    ("tail_up", ("Z",), "1/2", False),
    ("tail_up", ("derivative", "claim", "domain"), "z in [9, 10]", True),
    ("tail_up", ("derivative", "claim", "lhs"), "1", False),
    ("tail_up", ("derivative", "claim", "op"), "<", False),
    ("tail_up", ("defined",), None, False),
    ("tail_up", ("claim", "rhs"), "3/8 - 1/10", True),
    ("tail_down", ("claim", "rhs"), "31/125*sqrt(70)*exp(-7/5) - 1/1000", True),
    ("tail_down", ("margin",), ["1/1000", "oo"], False),
    ("identity", ("claim", "rhs"), "x*y + 1", True),
    ("identity", ("claim", "domain"), "x in [-1, 1], y in [1, 2]", True), # sqrt(x^2) = |x|
    ("identity", ("defined",), [], False),
    ("identity", ("method",), "force", False),
    ("identity", ("defined", 0, "kind"), "forall", False),
    ("identity", ("defined", 0, "tree"), {"leaf": "plain", "prec": 1}, False),
    ("tail_up", ("defined", "problem", "obligations"), [{"certificate": None}], False),
    ("limit", ("claim", "value"), "0", True),
    ("rootcount", ("claim", "signs"), "+--", True),
    ("rootcount", ("claim", "degree"), 3, True),
    ("rootcount", ("claim", "expr"), "z**2 - 2*b", True),
    ("rootcount", ("parts",), lambda ps: ps[::-1], False),
    ("rootcount", ("parts",), lambda ps: ps[:-1], False),
]


@pytest.mark.parametrize("key,path,value,rehash", TAMPERS, ids=[f"{t[0]}:{'.'.join(map(str, t[1]))}" for t in TAMPERS])
def test_tampered_certificate_is_rejected(certs, key, path, value, rehash):
    _rejected(_set(certs[key], path, value, rehash))


def _entry(claim, result):
    return bundle_entry("T", claim, result, "0" * 16)


@pytest.fixture(scope="module")
def bundle():
    claims = [Inequality("t.proved", "", lhs="log(x)", op="<", rhs="x", over="x in (0, 10]"),
              Inequality("t.other", "", lhs="atan(x)", op="<", rhs="1.6", over="x in [0, oo)"),
              Inequality("t.refuted", "", lhs="x**2", op="<", rhs="1/2", over="x in [0, 1]")]
    entries = [_entry(c, c.run()) for c in claims]
    assert [e["status"] for e in entries] == ["PROVED", "PROVED", "REFUTED"]
    entries.append({"lemma": "T", "id": "t.human", "hash": "0" * 16, "status": "HUMAN", "statement": "words",
                    "margin": None, "margin_kind": None, "claim_kind": None, "claim": None, "witness": None,
                    "reason": "by hand", "certificate": None})
    return {"kind": "bundle", "claims": entries}


def test_honest_bundle_checks(bundle):
    cells, verdicts = check_bundle(bundle)
    assert cells > 0 and all(v.ok for v in verdicts)


def _bundle_rejected(bundle, edit):
    b = copy.deepcopy(bundle)
    edit(b["claims"])
    _, verdicts = check_bundle(b)
    bad = [v for v in verdicts if not v.ok]
    assert bad and all(v.reason and "\n" not in v.reason for v in bad)


def _swap(es):
    es[0]["certificate"], es[1]["certificate"] = es[1]["certificate"], es[0]["certificate"]


BUNDLE_TAMPERS = {
    "refuted relabelled proved": lambda es: es[2].update(status="PROVED"),
    "human relabelled proved": lambda es: es[3].update(status="PROVED"),
    "human relabelled proved with a foreign certificate": lambda es: es[3].update(status="PROVED", certificate=es[0]["certificate"]),
    "proved certificate removed": lambda es: es[0].update(certificate=None),
    "certificates swapped": _swap,
    "claims and certificates swapped": lambda es: (_swap(es), es[0].__setitem__("claim", es[1]["claim"])),
    "statement changed": lambda es: es[0].update(statement="for all x in (0, 10]: log(x) < x - 1"),
    "margin changed": lambda es: es[0].update(margin=["1000", "1000"]),
    "witness moved": lambda es: es[2].update(witness={"x": "1/2"}),
    "witness outside the domain": lambda es: es[2].update(witness={"x": "2"}),
    "refuted without witness": lambda es: es[2].update(witness=None),
    "unknown status": lambda es: es[0].update(status="TRUE"),
    "duplicate id": lambda es: es[1].update(id=es[0]["id"]),
}


@pytest.mark.parametrize("name", sorted(BUNDLE_TAMPERS))
def test_tampered_bundle_is_rejected(bundle, name):
    _bundle_rejected(bundle, BUNDLE_TAMPERS[name])


@pytest.mark.parametrize("doc", [{}, [], {"kind": "bundle", "claims": []}, {"f": "sin(x)", "holds": []}])
def test_foreign_files_are_errors(doc):
    with pytest.raises(NotABundle):
        check_bundle(doc)


def test_entry_without_claim_cannot_be_proved():
    entry = {"id": "x", "status": "PROVED", "claim_kind": None, "claim": None, "certificate": None,
             "margin": None, "statement": "words", "witness": None}
    with pytest.raises(CheckError):
        check_entry(entry)


def test_cli_check_exit_codes(tmp_path, bundle):
    from certify.cli import main
    good, bad, foreign = tmp_path / "good.json", tmp_path / "bad.json", tmp_path / "foreign.json"
    good.write_text(json.dumps(bundle))
    b = copy.deepcopy(bundle)
    b["claims"][2]["status"] = "PROVED"
    bad.write_text(json.dumps(b))
    foreign.write_text("{}")
    assert main(["check", str(good)]) == 0
    assert main(["check", str(bad)]) == 1
    assert main(["check", str(foreign)]) == 2


def test_domain_facts_are_not_used_outside_the_domain():
    """A fact proved on (3/4, 1] says nothing at b = 3/4: closing the cell at that open end (the
    monotone form, end rules) must not see log(b - 3/4) as defined there."""
    from flint import fmpq
    from certify.checker import arith as A
    from certify.checker.leaves import Problem
    from certify.checker.reader import read_domain, read_expr
    d = read_domain("b in (3/4, 1]")
    arg, G = read_expr("b - 3/4", d.names), read_expr("log(b - 3/4) + 10", d.names)
    p = Problem(d.names, G, d, True, facts={arg: A.Iv(A.point(fmpq(0)).lo, None, True, True)})
    cell = ((fmpq(3, 4), fmpq(1)),)
    closed = p.box(cell, closed_at=(0, "lo"))
    assert p.defined_on(G, closed, inside=True) is not None       # what the fact alone would say
    assert p.defined_on(G, closed, inside=False) is None
    got = p.enclose("monotone", G, cell)
    assert got is None or got.lo is None


def test_cli_checks_the_committed_criterion_file():
    from certify.cli import main
    assert main(["check", str(CHECKER.parent.parent / "reports" / "criterion.json")]) == 0


def test_huge_decimal_exponents_read_fast():
    """A slack like e^{-z} at a huge point of a compactified range has an inf far below any
    float: the prover reports the margin's upper end as 1e-10000 (was 3.8e-4342942, seconds to
    read exactly), and the checker refuses a decimal exponent beyond 10^5 at once."""
    r = prove("sqrt(z)*exp(-z) > 0", over="z in [31/25, oo)")
    assert r.status == "PROVED" and r.margin == ["0", "1e-10000"]
    assert check_certificate(r.certificate) > 0
    bad = copy.deepcopy(r.certificate)
    bad["margin"] = ["0", "3e-9999999"]
    with pytest.raises(CheckError, match="exponent"):
        check_certificate(bad)
