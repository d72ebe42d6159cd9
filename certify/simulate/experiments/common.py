"""Shared helpers of the experiments: JSON output, provenance, figures, seeded generators."""
from __future__ import annotations

import json
import math
import platform
import re
from fractions import Fraction
from pathlib import Path

import numpy as np

def _jsonable(obj):
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating, float)):
        v = float(obj)
        if math.isnan(v):
            return None
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, np.ndarray):
        return _jsonable(obj.tolist())
    if isinstance(obj, Fraction):
        return str(obj)
    return obj


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(_jsonable(data), indent=2, sort_keys=True) + "\n")


def _provenance(command: str) -> dict:
    import matplotlib

    return {
        "command": command,
        "numpy": np.__version__,
        "matplotlib": matplotlib.__version__,
        "python": platform.python_version(),
    }


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "certify-simulate", "figure.dpi": 110,
                         "axes.grid": True, "grid.alpha": 0.3, "font.size": 10})
    return plt


_SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")
_MATHTEXT = re.compile(r"\$\\mathdefault\{(.*)\}\$")
_POWER = re.compile(r"\^\{([^}]*)\}")


def _unicode_powers(label: str) -> str:
    """A log axis' mathtext label ('$\\mathdefault{2\\times10^{-5}}$') as plain text
    ('2×10⁻⁵'): the same label without mathtext's parser, which took two thirds of the time of a
    figure with log axes."""
    m = _MATHTEXT.fullmatch(label)
    if not m:
        return label
    return _POWER.sub(lambda g: g.group(1).translate(_SUPERSCRIPT), m.group(1).replace("\\times", "\u00d7"))


def _plain_log_labels(fig) -> None:
    """Every log / symlog axis of the figure labels its ticks as ``_unicode_powers`` does."""
    from matplotlib import ticker

    class Plain(ticker.Formatter):
        def __init__(self, inner):
            self.inner = inner

        def __call__(self, x, pos=None):
            return _unicode_powers(self.inner(x, pos))

        def set_locs(self, locs):
            self.inner.set_locs(locs)

        def set_axis(self, axis):
            super().set_axis(axis)
            self.inner.set_axis(axis)

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_scale() in ("log", "symlog"):
                for get, put in ((axis.get_major_formatter, axis.set_major_formatter),
                                 (axis.get_minor_formatter, axis.set_minor_formatter)):
                    if isinstance(get(), ticker.LogFormatterMathtext):
                        put(Plain(get()))


def _save_figure(fig, out: Path, stem: str) -> list[str]:
    """<stem>.png and <stem>.svg cropped to one tight box: the layout is drawn once for both
    (``bbox_inches="tight"`` would draw it again for each file)."""
    import matplotlib

    _plain_log_labels(fig)
    png, svg = out / f"{stem}.png", out / f"{stem}.svg"
    fig.draw_without_rendering()
    box = fig.get_tightbbox().padded(matplotlib.rcParams["savefig.pad_inches"])
    fig.savefig(png, bbox_inches=box, metadata={"Software": None})
    fig.savefig(svg, bbox_inches=box, metadata={"Date": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    return [png.name, svg.name]


def _rng(seed: int, *keys) -> np.random.Generator:
    ent = [int(seed)] + [int(k) for k in keys]
    return np.random.default_rng(np.random.SeedSequence(ent))


def _beta_key(beta: float) -> int:
    return int(round((float(beta) + 1000.0) * 1e6))
