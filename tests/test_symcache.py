"""The persistent symbolic cache (certify.symcache): reused across calls, keyed by srepr and
sympy version, robust to torn lines, off with CERTIFY_NO_CACHE; an identity and a limit give
the same result cold and warm."""
import json

import sympy

from certify import symcache
from certify.claims import Identity, Limit


def _fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("CERTIFY_CACHE", str(tmp_path))
    monkeypatch.delenv("CERTIFY_NO_CACHE", raising=False)
    monkeypatch.setattr(symcache, "_MEMO", None)


def test_value_is_reused_and_written(monkeypatch, tmp_path):
    _fresh(monkeypatch, tmp_path)
    calls = []
    x = sympy.Symbol("x", real=True)
    f = lambda: calls.append(1) or "expand"    # noqa: E731
    assert symcache.cached("t", (x + 1,), f) == "expand"
    assert symcache.cached("t", (x + 1,), f) == "expand"
    assert calls == [1]
    monkeypatch.setattr(symcache, "_MEMO", None)           # a new process reads the file
    assert symcache.cached("t", (x + 1,), lambda: "other") == "expand"
    assert symcache.cached("t", (sympy.Symbol("x") + 1,), lambda: "plain") == "plain"   # assumptions differ


def test_torn_lines_are_skipped(monkeypatch, tmp_path):
    _fresh(monkeypatch, tmp_path)
    path = symcache._path()
    with open(path, "w") as fh:
        fh.write('["t|Integer(1)", "ok"]\n{"torn\n[1, 2]\n')
    assert symcache.cached("t", (sympy.Integer(1),), lambda: "recomputed") == "ok"
    assert symcache.cached("t", (sympy.Integer(2),), lambda: "new") == "new"
    assert json.loads(open(path).read().splitlines()[-1])[1] == "new"


def test_a_result_of_other_code_is_not_reused(monkeypatch, tmp_path):
    _fresh(monkeypatch, tmp_path)
    assert len(symcache.code_digest()) == 12 and symcache.code_digest() in symcache._path()
    assert symcache.cached("t", (sympy.Integer(8),), lambda: "this version") == "this version"
    monkeypatch.setattr(symcache, "code_digest", lambda: "0" * 12)      # another version of certify
    monkeypatch.setattr(symcache, "_MEMO", None)
    assert symcache.cached("t", (sympy.Integer(8),), lambda: "recomputed") == "recomputed"


def test_a_miss_reads_what_another_process_appended(monkeypatch, tmp_path):
    _fresh(monkeypatch, tmp_path)
    assert symcache.cached("t", (sympy.Integer(5),), lambda: "mine") == "mine"      # memo loaded
    with open(symcache._path(), "a") as fh:                 # another worker, meanwhile
        fh.write('["t|Integer(6)", "theirs"]\n["t|Integer(7)", "unfinished')
    assert symcache.cached("t", (sympy.Integer(6),), lambda: "recomputed") == "theirs"
    assert symcache.cached("t", (sympy.Integer(7),), lambda: "recomputed") == "recomputed"


def test_a_tree_is_keyed_by_its_text_only_when_the_text_reads_back_as_itself():
    from certify.expr import nodes as N
    from certify.expr.parse import parse_expr
    from certify.remembered import tree_key
    F = parse_expr("sqrt(x)*log(x) + 4/5", ("x",))
    assert tree_key(F, ("x",), lambda: "sympy") == "sqrt(x)*log(x) + 4/5"
    assert tree_key(N.add(N.var("x"), N.num(-1)), ("x",), lambda: "sympy") == "x + (-1)"   # not x - 1
    assert tree_key(F, (), lambda: "sympy") == "sympy"        # a text that does not read back


def test_off_switch(monkeypatch, tmp_path):
    _fresh(monkeypatch, tmp_path)
    monkeypatch.setenv("CERTIFY_NO_CACHE", "1")
    assert symcache.cached("t", (sympy.Integer(3),), lambda: "a") == "a"
    assert not list(tmp_path.iterdir())


def test_identity_and_limit_cold_and_warm(monkeypatch, tmp_path):
    _fresh(monkeypatch, tmp_path)
    ident = Identity("t.i", "", lhs="sin(x)**2 + cos(x)**2", rhs="1", over="x in [0, 1]")
    lim = Limit("t.l", "", expr="x*sin(1/x)", var="x", value="1")
    cold = [ident.run().status, lim.run().status]
    monkeypatch.setattr(symcache, "_MEMO", None)          # read back from the file
    assert [ident.run().status, lim.run().status] == cold == ["PROVED", "PROVED"]
    wrong = Limit("t.w", "", expr="x*sin(1/x)", var="x", value="2")
    assert wrong.run().status == "UNDECIDED"
