"""The paper's claims, one module per appendix, written as data on top of the engine.

Other packages add lemmas through the entry-point group ``certify.lemmas``: each entry point
names a list of ``Lemma`` objects (or a function returning one), e.g. in pyproject.toml::

    [project.entry-points."certify.lemmas"]
    my_paper = "my_package.lemmas:LEMMAS"

and ``certify run --module FILE`` runs the ``LEMMAS`` of one Python file (docs/LEMMA_API.md).
"""


def registry():
    """All lemmas: the paper's in paper order (imported lazily so that a broken module names
    itself), then those of installed ``certify.lemmas`` entry points."""
    from . import appendix_a, appendix_b, appendix_c, appendix_c6, section5
    return [*appendix_a.LEMMAS, *appendix_b.LEMMAS, *appendix_c.LEMMAS, *appendix_c6.LEMMAS, *section5.LEMMAS, *_entry_points()]


def _entry_points():
    from importlib.metadata import entry_points
    out = []
    for ep in entry_points(group="certify.lemmas"):
        found = ep.load()
        out += list(found() if callable(found) else found)
    return out


def load_module(path: str):
    """The ``LEMMAS`` list of the Python file at ``path`` (the user's own lemma module)."""
    import importlib.util
    import os
    from certify.errors import CertifyInputError
    if not os.path.isfile(path):
        raise CertifyInputError(f"no lemma module {path}")
    spec = importlib.util.spec_from_file_location(os.path.splitext(os.path.basename(path))[0], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    lemmas = getattr(module, "LEMMAS", None)
    if not isinstance(lemmas, (list, tuple)) or not lemmas:
        raise CertifyInputError(f"{path} defines no LEMMAS list")
    return list(lemmas)


def extras():
    """Jobs of the main run beyond the lemmas: the criterion results and figures."""
    try:
        from .criterion_fbeta import run_fbeta
    except ImportError:
        return []
    return [lambda out_dir: run_fbeta(out_dir=out_dir)]
