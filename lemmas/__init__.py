"""The paper's claims, one module per appendix, written as data on top of the engine."""


def registry():
    """All lemmas in paper order (imported lazily so that a broken module names itself)."""
    from . import appendix_a, appendix_b, appendix_c, section5
    return [*appendix_a.LEMMAS, *appendix_b.LEMMAS, *appendix_c.LEMMAS, *section5.LEMMAS]


def extras():
    """Jobs of the main run beyond the lemmas: the criterion results and figures."""
    try:
        from .criterion_fbeta import run_fbeta
    except ImportError:
        return []
    return [lambda out_dir: run_fbeta(out_dir=out_dir)]
