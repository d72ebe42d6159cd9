"""The derivation rules added for ranges that depend on another variable (issue 11): monotone
with an expression end, a cover split at an expression, and an increasing function applied to a
bound (certify.checker.derived_order, derived_algebra).  Each accepts its correct derivation and
rejects the mutations a wrong one would need: a premise dropped, the wrong direction, a gap, a
range that does not reach the end, a strict conclusion from a weak premise."""
from certify.checker.derived import check_derivation
from certify.checker.terms import CheckError


def ineq(lhs, op, rhs, domain):
    return "inequality", {"lhs": lhs, "op": op, "rhs": rhs, "domain": domain}


def derived(lhs, op, rhs, domain, quantities=None):
    return {"lhs": lhs, "op": op, "rhs": rhs, "domain": domain, "quantities": quantities or {}}


Q = {"r": "a root"}
PREMISES = {
    # F(x) = sin(x) on x in [0, m(b)], m(b) = b, b in [1/2, 3/2]: F' = cos(x) > 0 there
    "up": ineq("cos(x)", ">", "0", "b in [1/2, 3/2], x in [0, b]"),
    "up_weak": ineq("cos(x)", ">=", "0", "b in [1/2, 3/2], x in [0, b]"),
    "up_open": ineq("cos(x)", ">", "0", "b in [1/2, 3/2], x in [0, b)"),
    "up_other": ineq("cos(x)", ">", "0", "b in [1/2, 3/2], x in [0, b/2]"),
    "down": ineq("cos(x)", "<", "0", "b in [1/2, 3/2], x in [b, 3]"),
    "left": derived("sin(x)", "<=", "sin(b)", "b in [1/2, 3/2], x in [0, b]"),
    "right": derived("sin(x)", "<=", "sin(b)", "b in [1/2, 3/2], x in [b, 3]"),
    "right_open": derived("sin(x)", "<=", "sin(b)", "b in [1/2, 3/2], x in (b, 3]"),
    "left_open": derived("sin(x)", "<=", "sin(b)", "b in [1/2, 3/2], x in [0, b)"),
    "right_short": derived("sin(x)", "<=", "sin(b)", "b in [1/2, 3/2], x in [b, 2]"),
    "right_2b": derived("sin(x)", "<=", "sin(b)", "b in [1/2, 3/2], x in [2*b, 3]"),
    "m_defined": ineq("sin(b)", ">", "0", "b in [1/2, 3/2]"),
    "m_elsewhere": ineq("1", ">", "0", "b in [1/2, 3/2]"),
    # r < 2 b, 0 < r: sqrt(r) < sqrt(2 b)
    "r_below": ("assumed", derived("r", "<", "2*b", "b in [1, 2]", Q)),
    "r_below_weak": ("assumed", derived("r", "<=", "2*b", "b in [1, 2]", Q)),
    "r_pos": ("assumed", derived("0", "<", "r", "b in [1, 2]", Q)),
    "r_above_m1": ("assumed", derived("-1", "<", "r", "b in [1, 2]", Q)),
}
for k in ("left", "right", "right_open", "left_open", "right_short", "right_2b"):
    PREMISES[k] = ("derived", PREMISES[k])


def replays(claim, cert):
    def lookup(pid):
        if pid not in PREMISES:
            raise CheckError(f"premise {pid} is not an entry")
        return PREMISES[pid]
    try:
        check_derivation(claim, cert, lookup)
        return True
    except CheckError:
        return False


def test_monotone_up_to_an_expression_end():
    claim = derived("sin(x)", "<=", "sin(b)", "b in [1/2, 3/2], x in [0, b]")
    rule = {"rule": "monotone", "premise": "up", "var": "x", "end": "hi"}
    assert replays(claim, rule)
    assert replays(claim, dict(rule, premise="up_weak"))
    assert not replays(dict(claim, op=">="), rule)                                      # the wrong direction
    assert not replays(claim, dict(rule, end="lo"))
    assert not replays(claim, dict(rule, premise="up_open"))                            # the end not in the range
    assert not replays(claim, dict(rule, premise="up_other"))                           # another expression end
    assert not replays(claim, dict(rule, premise="down"))                               # the wrong sign
    strict = derived("sin(x)", "<", "sin(b)", "b in [1/2, 3/2], x in [0, b)")
    assert replays(strict, rule)
    assert not replays(strict, dict(rule, premise="up_weak"))                           # strict from a weak sign
    assert not replays(dict(strict, domain="b in [1/2, 3/2], x in [0, b]"), rule)       # strict at the end itself
    assert not replays(dict(claim, domain="b in [1/2, 2], x in [0, b]"), rule)          # beyond the premise's b
    # an x-range that mentions another variable whose range mentions x is refused
    assert not replays(derived("sin(x)", "<=", "sin(b)", "x in [0, 1], b in [x, 3/2]"), rule)


def test_monotone_down_from_an_expression_end():
    claim = derived("sin(x)", "<=", "sin(b)", "b in [1/2, 3/2], x in [b, 3]")
    rule = {"rule": "monotone", "premise": "down", "var": "x", "end": "lo"}
    assert replays(claim, rule)
    assert not replays(claim, dict(rule, premise="up"))
    assert not replays(dict(claim, domain="b in [1/2, 3/2], x in [b, 4]"), rule)         # beyond the premise's x


def test_cover_split_at_an_expression():
    claim = derived("sin(x)", "<=", "sin(b)", "b in [1/2, 3/2], x in [0, 3]")
    rule = {"rule": "cover", "var": "x", "premises": ["left", "right"], "defined": ["m_defined"]}
    assert replays(claim, rule)
    assert replays(claim, dict(rule, premises=["left", "right_open"]))                 # closed in one piece
    assert not replays(claim, dict(rule, premises=["left_open", "right_open"]))        # the point m missing
    assert not replays(claim, dict(rule, premises=["left"]))                           # a piece dropped
    assert not replays(claim, dict(rule, premises=["left", "right_2b"]))               # a gap (b, 2b)
    assert not replays(claim, dict(rule, premises=["left", "right_short"]))            # does not reach 3
    assert not replays(claim, {k: v for k, v in rule.items() if k != "defined"})       # m not shown defined
    assert not replays(claim, dict(rule, defined=["m_elsewhere"]))
    assert not replays(dict(claim, op="<"), rule)                                      # stronger than the pieces


def test_apply_an_increasing_function():
    claim = derived("sqrt(r)", "<", "sqrt(2*b)", "b in [1, 2]", Q)
    rule = {"rule": "apply", "premise": "r_below", "function": "sqrt", "defined": ["r_pos"]}
    assert replays(claim, rule)
    assert not replays(claim, dict(rule, defined=[]))                                  # sqrt(r) not shown defined
    assert not replays(claim, dict(rule, defined=["r_above_m1"]))                      # -1 < r is not enough
    assert not replays(claim, dict(rule, premise="r_below_weak"))                      # strict from <=
    assert replays(dict(claim, op="<="), dict(rule, premise="r_below_weak"))
    assert not replays(dict(claim, op=">"), rule)                                      # the wrong direction
    assert not replays(dict(claim, lhs="sqrt(2*b)", rhs="sqrt(r)", op=">"), dict(rule, function="exp"))
    assert replays(dict(claim, lhs="exp(r)", rhs="exp(2*b)"), dict(rule, function="exp", defined=[]))
    assert not replays(dict(claim, lhs="exp(r)", rhs="exp(2*b)"), dict(rule, function="cos", defined=[]))
    # sqrt(0) written 0: 0 < sqrt(r) from 0 < r
    assert replays(derived("0", "<", "sqrt(r)", "b in [1, 2]", Q), dict(rule, premise="r_pos", defined=[]))
    assert not replays(derived("1", "<", "sqrt(r)", "b in [1, 2]", Q), dict(rule, premise="r_pos", defined=[]))
