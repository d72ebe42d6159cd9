"""Progress on stderr with the elapsed time and an estimate of the time left (no dependency).

One helper for ``certify run``, ``check``, ``criterion`` and ``simulate``.  On a terminal it
redraws one line (``\\r``) at most every 0.1 s; elsewhere (a log, a pipe) it prints at most
``log_lines`` lines, one each time another 1/log_lines of the total is done (``log_lines =
total``: one line per step).  ``enabled=False`` (``--quiet``) prints nothing.

The estimate is linear: elapsed * (total - done) / done.
"""
from __future__ import annotations

import sys
import time

__all__ = ["Progress"]


class Progress:
    """``Progress(total, label)``; ``update(done, note)`` / ``advance(step, note)`` as work
    completes, ``close()`` at the end (also as a context manager)."""

    def __init__(self, total: float, label: str = "", *, enabled: bool = True, stream=None,
                 log_lines: int = 10, width: int = 24):
        self.total = float(total) if total else 1.0
        self.label = label
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.log_lines = max(1, int(log_lines))
        self.width = width
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.monotonic()
        self.value = 0.0
        self._last_draw = 0.0
        self._last_line = 0
        self._note = ""
        self._closed = False

    def update(self, value: float, note: str = "") -> None:
        """Set the amount done (clipped to [0, total]) and show it."""
        self.value = min(max(float(value), 0.0), self.total)
        self._note = note or self._note
        if not self.enabled:
            return
        frac = self.value / self.total
        if self.tty:
            now = time.monotonic()
            if now - self._last_draw >= 0.1 or frac >= 1.0:
                self._last_draw = now
                self._draw("\r", "")
        elif int(frac * self.log_lines) > self._last_line:
            self._last_line = int(frac * self.log_lines)
            self._draw("", "\n")

    def advance(self, step: float = 1.0, note: str = "") -> None:
        self.update(self.value + step, note)

    def eta(self) -> float | None:
        """Seconds left by linear extrapolation (None before anything is done)."""
        if self.value <= 0:
            return None
        return (time.monotonic() - self.start) * (self.total - self.value) / self.value

    def _draw(self, prefix: str, end: str) -> None:
        frac = self.value / self.total
        filled = int(round(frac * self.width))
        bar = "#" * filled + "-" * (self.width - filled)
        eta = self.eta()
        left = "" if eta is None or frac >= 1.0 else f", ~{eta:.0f} s left"
        text = f"{self.label} [{bar}] {100 * frac:5.1f}% {time.monotonic() - self.start:.1f} s{left}  {self._note}"
        self.stream.write(prefix + (text[:118].ljust(100) if self.tty else text.rstrip()) + end)
        self.stream.flush()

    def close(self, note: str = "") -> None:
        """End the line on a terminal; in a log, print the final line if not yet printed.
        Nothing done and nothing shown yet: nothing to print."""
        if self._closed:
            return
        self._closed = True
        self._note = note or self._note
        if not self.enabled or (self.value == 0 and self._last_draw == 0 and self._last_line == 0):
            return
        if self.tty:
            self._draw("\r", "\n")
        elif self._last_line < self.log_lines:
            self._draw("", "\n")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
