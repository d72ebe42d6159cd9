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
    """Each test process gets an empty symbolic cache (certify.symcache): tests see cold runs."""
    import os
    import tempfile
    os.environ["CERTIFY_CACHE"] = tempfile.mkdtemp(prefix="certify-cache-")
