"""Shared pytest fixtures."""
import flint
import pytest


@pytest.fixture(params=[53, 106], ids=lambda p: f"prec{p}")
def prec(request):
    """Run an ITF1788 block at 53 and at 106 bits (tests/itf1788.py)."""
    old = flint.ctx.prec
    flint.ctx.prec = request.param
    yield request.param
    flint.ctx.prec = old


def pytest_configure(config):
    """A test session starts from an empty symbolic cache (certify.symcache), never the user's:
    the controller makes it, and its xdist workers (and the processes they start) inherit and
    share it, as the workers of one ``certify run`` do."""
    import os
    import sys
    import tempfile
    if not (os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get("CERTIFY_CACHE")):
        os.environ["CERTIFY_CACHE"] = tempfile.mkdtemp(prefix="certify-cache-")
    # the workers and the ~30 processes tests start each import certify: with bytecode caching
    # off (PYTHONDONTWRITEBYTECODE, set on some machines) each would compile it again (~0.1 s)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False


# Seconds each slow file keeps its worker busy (pytest --durations=0, summed per file, on the
# 2-core machine).  Files go to the two workers whole (--dist loadfile) in this order, longest
# first (--no-loadscope-reorder keeps it), so no long file starts last and runs alone at the
# end; unlisted files are short and follow in their usual order.  Only the order depends on it.
SLOW_FILES = {
    "test_corpus.py": 65, "test_appendix_a.py": 120, "test_simulate.py": 85, "test_executor.py": 58,
    "test_user_surface.py": 55, "test_reports.py": 51, "test_engine.py": 46, "test_regressions.py": 44,
    "test_criterion.py": 42, "test_simulate_stiff.py": 33, "test_soundness_random.py": 32,
    "test_simulate_runs.py": 32, "test_tangent.py": 30, "test_simulate_configurations.py": 29,
    "test_checker.py": 26, "test_simulate_figures.py": 20, "test_checker_arith.py": 18,
    "test_appendix_c.py": 18, "test_appendix_b.py": 16, "test_simulate_accuracy.py": 16,
}
# the corpus runs its own pool of two processes: start it first, beside the longest file
FIRST = ("test_corpus.py",)


def pytest_collection_modifyitems(config, items):
    import os

    def weight(item):
        name = os.path.basename(str(item.fspath))
        return (name not in FIRST, -SLOW_FILES.get(name, 0), str(item.fspath))
    order = {id(item): i for i, item in enumerate(items)}
    items.sort(key=lambda item: (*weight(item), order[id(item)]))
