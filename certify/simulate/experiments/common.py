"""Shared helpers of the experiments: JSON output, provenance, figures, seeded generators."""
from __future__ import annotations

import json
import math
import platform
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


def _save_figure(fig, out: Path, stem: str) -> list[str]:
    """<stem>.png and <stem>.svg cropped to one tight box: the layout is drawn once for both
    (``bbox_inches="tight"`` would draw it again for each file)."""
    import matplotlib

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
