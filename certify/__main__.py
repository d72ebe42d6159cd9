"""``python -m certify``: the command line (``certify.cli``)."""
import sys

from .cli import main

sys.exit(main())
