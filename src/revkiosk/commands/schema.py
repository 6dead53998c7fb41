"""`revkiosk schema [--output FILE]`: print or write the deck format's JSON Schema.

The checked-in copy is docs/deck.schema.json (decks point at it for editor completion); a test
compares it with this command's output, so regenerate it after changing `deck/spec.py`:

    revkiosk schema --output docs/deck.schema.json
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from revkiosk.deck.schema import schema_text


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command; returns the process exit status (2 when the file cannot be written)."""
    parser = argparse.ArgumentParser(
        prog="revkiosk schema", description="Write the deck JSON Schema (draft 2020-12)."
    )
    parser.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    text = schema_text()
    if args.output is None:
        (out or sys.stdout).write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{args.output}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
