"""Independent jobs mapped over workers: a local process pool, or a Dask cluster.

    with Executor(jobs=2) as ex:                       # local: 2 worker processes
        results = list(ex.imap(fn, items))
    with Executor(scheduler="tcp://host:8786") as ex:  # the workers of a running Dask scheduler
        ...

``imap`` yields ``fn(item)`` for each item in the order of ``items`` whatever the backend and
the order in which jobs finish, so what a caller builds from the results (reports,
certificates, tables) does not depend on where the jobs ran.  ``fn`` must be a module-level
function and the items picklable.  Locally, one job or ``jobs=1`` runs in this process; more
run in forked worker processes.  With a scheduler the jobs go to its workers, which must
import the same certify (and, for ``certify run --module``, nothing else is needed: claims
are shipped whole).  Dask (``pip install -e ".[dask]"``) is optional: without it a scheduler
address is a one-line error.

The symbolic work's clock (``certify.deadline``, SIGALRM) needs a process's main thread; Dask
runs tasks in worker threads, so there only the cell and time budgets that the search checks
itself apply (results agree with a local run whenever no symbolic deadline fires locally).
"""
from __future__ import annotations

import os
from typing import Callable, Iterable, Iterator

from .errors import CertifyInputError

__all__ = ["Executor", "default_jobs"]


def default_jobs() -> int:
    """Worker processes by default: the usable cores, at most 2 (the machines certify is
    meant for have 2)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(2, cores))


class Executor:
    """``Executor(jobs=None, scheduler=None)``: ``jobs`` local processes (default
    :func:`default_jobs`), or the Dask cluster at ``scheduler`` (connected at once: an
    unreachable address or a missing dask is a ``CertifyInputError`` before any work)."""

    def __init__(self, jobs: int | None = None, scheduler: str | None = None):
        if jobs is not None and jobs < 1:
            raise CertifyInputError(f"--jobs must be at least 1, not {jobs}")
        self.jobs = jobs or default_jobs()
        self.scheduler = scheduler
        self._client = _dask_client(scheduler) if scheduler else None

    def imap(self, fn: Callable, items: Iterable) -> Iterator:
        """``fn(item)`` for each item, in order (an exception of a job is raised here)."""
        items = list(items)
        if self._client is not None:
            return self._dask(fn, items)
        if self.jobs == 1 or len(items) <= 1:
            return (fn(item) for item in items)
        return self._pool(fn, items)

    def _pool(self, fn, items):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
        pool = ProcessPoolExecutor(max_workers=min(self.jobs, len(items)), mp_context=ctx)
        try:
            futures = [pool.submit(fn, item) for item in items]
            for fut in futures:
                yield fut.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _dask(self, fn, items):
        futures = self._client.map(fn, items, pure=False)
        try:
            for fut in futures:
                yield fut.result()
        finally:
            self._client.cancel(futures)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def _dask_client(address: str):
    try:
        from distributed import Client
    except ImportError:
        raise CertifyInputError("--scheduler needs Dask, which is not installed: "
                                "pip install -e \".[dask]\" (or pip install 'dask[distributed]')") from None
    from distributed.comm import parse_address
    from distributed.comm.addressing import parse_host_port
    from distributed.comm.registry import backends
    try:
        scheme, location = parse_address(address)
        if scheme not in backends:
            raise ValueError(f"unknown scheme {scheme!r}")
        if scheme in ("tcp", "tls"):
            parse_host_port(location)       # a malformed address, before a Client that cannot close
    except ValueError as exc:
        raise CertifyInputError(f"--scheduler: not a scheduler address, e.g. tcp://host:8786: {exc}") from None
    try:
        return Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise CertifyInputError(f"--scheduler: cannot reach a Dask scheduler at {address!r}: "
                                f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
