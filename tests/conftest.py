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


@pytest.fixture
def no_figures(monkeypatch):
    """Simulation figures are built but not drawn to files (drawing costs ~0.5 s a figure): for
    tests that compare the data behind them.  tests/test_simulate_figures.py and the tests that
    look at the files draw them."""
    from certify.simulate.experiments import common, lemma_c6, metastable, sweep, traces

    def names_only(fig, out, stem):
        import matplotlib.pyplot as plt
        plt.close(fig)
        return [f"{stem}.png", f"{stem}.svg"]
    for module in (common, lemma_c6, metastable, sweep, traces):
        monkeypatch.setattr(module, "_save_figure", names_only)


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
# user + sys with the processes it starts, less the ~0.8 s start-up, on the 2-core machine;
# measured 2026-12-03 beside another job, so to ~20%).  Files go to the two workers whole
# (--dist loadfile) in this order, longest first (--no-loadscope-reorder keeps it), so no long
# file starts last and runs alone at the end; unlisted files are short and follow in their usual
# order.  Only the order depends on it.
SLOW_FILES = {
    "test_executor.py": 14.1, "test_corpus.py": 13.4, "test_appendix_a.py": 13.2,
    "test_simulate.py": 11.7, "test_reports.py": 10.7, "test_soundness_random.py": 10.4,
    "test_user_surface.py": 7.7, "test_inverse.py": 6.7, "test_criterion.py": 5.5,
    "test_simulate_accuracy.py": 5.0, "test_engine.py": 4.8, "test_simulate_runs.py": 4.5,
    "test_decide.py": 4.0, "test_simulate_configurations.py": 3.9, "test_regressions.py": 3.9,
    "test_checker.py": 3.6, "test_appendix_c6.py": 3.6, "test_simulate_stiff.py": 3.5,
    "test_roots.py": 3.3, "test_checker_criterion.py": 3.2, "test_appendix_b.py": 3.2,
    "test_simulate_figures.py": 2.8, "test_appendix_c.py": 2.6, "test_section5.py": 2.3,
    "test_expr.py": 2.3, "test_criterion_box.py": 1.9, "test_criterion_hyp.py": 1.8,
    "test_criterion_sweep.py": 1.7,
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
