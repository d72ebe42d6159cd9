"""A wall-clock deadline for work that cannot check a clock itself (sympy rewrites, limits).

``with deadline(seconds):`` raises ``Deadline`` inside the block when the time is up (SIGALRM;
only in the main thread of a process, elsewhere the block runs unguarded).  Budgets
(``--max-seconds``) thus cover the symbolic work too.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


class Deadline(BaseException):
    """Not an Exception: generic `except Exception` handlers (sympy has some) must not swallow it."""
    pass


def _expire(signum, frame):
    raise Deadline()


@contextmanager
def deadline(seconds: float):
    usable = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield               # not the main thread, or an outer deadline is already running
        return
    old = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.01))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
