"""A tiny progress bar on stderr (no dependency).

On a terminal it redraws one line (``\\r``) at most every 0.1 s; otherwise (CI logs) it prints a
line at every 10 % step.  ``Progress(total, label, enabled=False)`` is silent.
"""
from __future__ import annotations

import sys
import time

__all__ = ["Progress"]


class Progress:
    def __init__(self, total: float, label: str = "", *, enabled: bool = True, stream=None, width: int = 30):
        self.total = float(total) if total else 1.0
        self.label = label
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.monotonic()
        self._last_draw = 0.0
        self._last_decile = -1
        self.value = 0.0
        self._closed = False

    def update(self, value: float, note: str = "") -> None:
        self.value = min(max(float(value), 0.0), self.total)
        if not self.enabled:
            return
        frac = self.value / self.total
        now = time.monotonic()
        if self.tty:
            if now - self._last_draw < 0.1 and frac < 1.0:
                return
            self._last_draw = now
            self._draw(frac, note, end="")
        else:
            decile = int(frac * 10)
            if decile > self._last_decile:
                self._last_decile = decile
                self._draw(frac, note, end="\n")

    def advance(self, step: float = 1.0, note: str = "") -> None:
        self.update(self.value + step, note)

    def _draw(self, frac, note, end):
        filled = int(round(frac * self.width))
        bar = "#" * filled + "-" * (self.width - filled)
        elapsed = time.monotonic() - self.start
        text = f"{self.label} [{bar}] {100 * frac:5.1f}% {elapsed:6.1f}s {note}"
        prefix = "\r" if self.tty else ""
        self.stream.write(prefix + text[:120].ljust(80 if self.tty else 0) + end)
        self.stream.flush()

    def close(self, note: str = "") -> None:
        if self._closed:
            return
        self._closed = True
        if not self.enabled:
            return
        if self.tty:
            self._draw(self.value / self.total, note, end="\n")
        elif self._last_decile < 10:
            self._draw(self.value / self.total, note, end="\n")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
