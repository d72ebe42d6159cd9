"""``python -m certify.simulate EXPERIMENT [options]``: stand-alone entry point (same as
``certify simulate``), built with :func:`certify.simulate.cli.add_parser`."""
from __future__ import annotations

import argparse
import sys

from .cli import add_parser, run


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m certify.simulate")
    sub = parser.add_subparsers(dest="command")
    add_parser(sub)
    args = parser.parse_args(["simulate", *(sys.argv[1:] if argv is None else argv)])
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
