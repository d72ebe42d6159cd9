"""The one envelope of every ``--json`` document (docs/JSON.md).

Every command prints exactly one JSON object on stdout that begins with the keys ``"schema"``
(:data:`SCHEMA`), ``"command"`` and ``"status"``; an error a user can make is the same
envelope with ``"status": "ERROR"`` and the one-line ``"error"`` message, beside that line on
stderr and a non-zero exit status.
"""
from __future__ import annotations

import json
import sys

SCHEMA = "certify-json/1"


def emit(command: str, status: str, body: dict | None = None, **dump) -> None:
    """Print the document ``{schema, command, status, **body}`` (``dump``: ``json.dumps`` options)."""
    print(json.dumps({"schema": SCHEMA, "command": command, "status": status, **(body or {})}, **dump))


def fail(command: str, message: str, as_json: bool, *, kind: str = "error", status: str = "ERROR") -> None:
    """Report an error: ``certify COMMAND: KIND: message`` as one line on stderr (``certify:
    KIND: ...`` when the command is unknown, ``command=""``), and the JSON error document on
    stdout when ``as_json``."""
    print(f"certify{' ' + command if command else ''}: {kind}: {message}", file=sys.stderr)
    if as_json:
        emit(command, status, {"error": message})
