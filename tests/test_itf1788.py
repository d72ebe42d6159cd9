"""Soundness of certify.expr.interval against the ITF1788 test library (IEEE 1788-2015).

One test per ``testcase`` block (and precision) that has a case of an operation certify
implements; every supported case of the block must pass (containment of the expected interval,
decoration no stronger than the expected one).  Conventions: see ``tests/itf1788.py``.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import itf1788 as itf  # noqa: E402
from certify.expr import interval as iv  # noqa: E402

BLOCKS = itf.supported_blocks() if itf.ITF_DIR.is_dir() else []
pytestmark = pytest.mark.skipif(not BLOCKS, reason=f"no ITF1788 data in {itf.ITF_DIR}")




@pytest.mark.parametrize("block", BLOCKS, ids=itf.block_ids(BLOCKS))
def test_block(block, prec):
    failures = itf.run_block(block)
    assert not failures, f"{len(failures)} unsound case(s) at prec {prec}:\n" + "\n".join(failures)


def test_every_supported_case_parses():
    """The harness runs what it claims: no supported line is skipped for a parse error, and
    the elementary-function file contributes its ~2660 supported cases."""
    cases = [c for b in itf.load_blocks() for c in b.cases]
    unparsed = [c.text for c in cases if c.skip and c.skip.startswith("unparsed")]
    assert not unparsed, unparsed[:5]
    run = [c for c in cases if c.skip is None]
    assert len(run) > 2600
    assert {c.op for c in run} == set(itf.OPS)
    assert sum(c.decorated for c in run) > 200


def test_number_parsing_is_exact():
    from fractions import Fraction
    assert itf.parse_number("0X1.AED548F090CEFP-1") == (Fraction(0x1AED548F090CEF, 2 ** 53), True)
    assert itf.parse_number("-0x0.0000000000001p-1022") == (-Fraction(1, 2 ** 1074), True)
    assert itf.parse_number("1.E47") == (Fraction(10) ** 47, False)
    assert itf.parse_number("-2.5") == (Fraction(-5, 2), True)
    x = itf.parse_interval("0.1, 2", None)           # decimal: the binary64 interval around it
    assert x.lo < Fraction(1, 10) < Fraction(0.1) and x.hi == 2     # holds both readings
    assert Fraction(math.nextafter(0.1, 1)) > Fraction(0.1) and x.lo == Fraction(math.nextafter(0.1, 0))
    assert itf.parse_interval("entire", "dac").dec == iv.Dec.DAC


def _mutant_failures(op, mutate):
    return itf.mutant_failures(BLOCKS, op, mutate)


def test_checks_are_not_vacuous():
    """A narrowed enclosure, a wrongly open end and a too strong decoration are all caught."""
    def narrow(f):
        def g(*a):
            r, d = f(*a)
            if r is iv.EMPTY or not r.bounded or r.lo == r.hi:
                return r, d
            return iv.Interval(r.lo, (r.hi - (r.hi - r.lo) / 1024).mid(), r.lo_open, r.hi_open), d
        return g

    def opened(f):
        def g(*a):
            r, d = f(*a)
            return (r, d) if r is iv.EMPTY else (iv.Interval(r.lo, r.hi, True, True), d)
        return g

    def stronger(f):
        return lambda *a: (lambda r, d: (r, d if r is iv.EMPTY else iv.Dec.COM))(*f(*a))

    assert _mutant_failures("sin", narrow) > 0
    assert _mutant_failures("sqrt", opened) > 0
    assert _mutant_failures("mul", opened) > 0
    assert _mutant_failures("log", stronger) > 0
    assert _mutant_failures("tan", stronger) > 0
