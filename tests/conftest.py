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


# CPU seconds each slow file keeps its worker busy (``pytest -n 0 <file>`` under /usr/bin/time,
# less the ~0.7 s start-up, on the 2-core machine).  Files go to the two workers whole (--dist
# loadfile) in this order, longest first (--no-loadscope-reorder keeps it), so no long file
# starts last and runs alone at the end; unlisted files are short and follow in their usual
# order.  Only the order depends on it.
SLOW_FILES = {
    "test_appendix_a.py": 9.7, "test_executor.py": 11.0, "test_simulate.py": 9.8, "test_corpus.py": 8.3,
    "test_soundness_random.py": 8.3, "test_reports.py": 7.5, "test_user_surface.py": 7.3,
    "test_section5.py": 1.8, "test_criterion.py": 5.3, "test_inverse.py": 5.1, "test_appendix_c6.py": 1.7,
    "test_simulate_accuracy.py": 4.1, "test_engine.py": 3.9, "test_regressions.py": 3.8,
    "test_simulate_runs.py": 3.5, "test_simulate_configurations.py": 3.2, "test_decide.py": 2.9,
    "test_simulate_stiff.py": 2.7, "test_checker.py": 2.6, "test_appendix_b.py": 2.2, "test_tangent.py": 2.0,
    "test_appendix_c.py": 2.0, "test_roots.py": 2.0, "test_simulate_figures.py": 1.9,
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
