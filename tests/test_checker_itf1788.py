"""The checker's interval arithmetic (``certify.checker.arith``) against the ITF1788 test
library: the same harness and conventions as ``tests/test_itf1788.py`` (see ``tests/itf1788.py``),
with the checker backend.  Every supported case must pass (containment of the expected
interval, no open end attained at an input corner, decoration no stronger than expected).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import itf1788 as itf  # noqa: E402
from certify.checker import arith as A  # noqa: E402

BLOCKS = itf.supported_blocks() if itf.ITF_DIR.is_dir() else []
pytestmark = pytest.mark.skipif(not BLOCKS, reason=f"no ITF1788 data in {itf.ITF_DIR}")
CHECKER = itf.checker_backend()




@pytest.mark.parametrize("block", BLOCKS, ids=itf.block_ids(BLOCKS))
def test_block(block, prec):
    failures = itf.run_block(block, CHECKER)
    assert not failures, f"{len(failures)} unsound case(s) at prec {prec}:\n" + "\n".join(failures)


def test_the_checker_backend_runs_every_supported_case():
    assert set(CHECKER.ops) == set(itf.OPS)
    run = [c for b in BLOCKS for c in b.cases if c.skip is None]
    assert len(run) > 2600
    passed = sum(itf.check_case(c, CHECKER)[0] for c in run)
    assert passed == len(run)


def _mutant_failures(op, mutate):
    return itf.mutant_failures(BLOCKS, op, mutate, CHECKER)


def test_checks_are_not_vacuous_for_the_checker():
    """A narrowed enclosure, a wrongly open end and a too strong decoration are all caught."""
    def narrow(f):
        def g(*a):
            r, d = f(*a)
            if not A.bounded(r) or r.lo == r.hi:
                return r, d
            return A.Iv(r.lo, (r.hi - (r.hi - r.lo) / 1024).lower(), r.lo_open, False), d
        return g

    def opened(f):
        def g(*a):
            r, d = f(*a)
            if r is A.EMPTY or (r.lo is not None and r.lo == r.hi):
                return r, d
            return A.Iv(r.lo, r.hi, r.lo is not None, r.hi is not None), d
        return g

    def stronger(f):
        return lambda *a: (lambda r, d: (r, d if r is A.EMPTY else itf.Dec.COM))(*f(*a))

    assert _mutant_failures("sin", narrow) > 0
    assert _mutant_failures("sqrt", opened) > 0
    assert _mutant_failures("mul", opened) > 0
    assert _mutant_failures("log", stronger) > 0
    assert _mutant_failures("tan", stronger) > 0
    assert _mutant_failures("pow", narrow) > 0
