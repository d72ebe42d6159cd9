"""A piece of a root isolation (``certify.roots``): consecutive closed t-intervals with exact
rational ends, each ``pos``, ``neg``, ``root`` (one simple zero, slope = the sign of dF/dx) or
``unresolved``, and the method that decided it."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

POS, NEG, ROOT, UNRESOLVED = "pos", "neg", "root", "unresolved"


@dataclass(frozen=True)
class Piece:
    lo: Fraction
    hi: Fraction
    kind: str                 # pos | neg | root | unresolved
    method: str = ""          # enclosure | monotone | newton | merged
    slope: int = 0            # for root pieces: sign of dF/dx on the piece

    def as_json(self) -> dict:
        d = {"lo": _qs(self.lo), "hi": _qs(self.hi), "kind": self.kind, "method": self.method}
        if self.kind == ROOT:
            d["slope"] = self.slope
        return d


def _qs(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def end_sign(c, pieces: list, i: int, side: str) -> int:
    """Certified sign of F at the left (side='lo') or right end of pieces[i], using the
    neighbouring sign piece when there is one (it is closed, so it covers the shared end)."""
    j = i - 1 if side == "lo" else i + 1
    if 0 <= j < len(pieces) and pieces[j].kind in (POS, NEG):
        return 1 if pieces[j].kind == POS else -1
    t = pieces[i].lo if side == "lo" else pieces[i].hi
    return c.point_sign(t)
