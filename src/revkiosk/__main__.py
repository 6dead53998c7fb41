"""`python -m revkiosk` and the `revkiosk` console script."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point: parse the command line and dispatch (imports stay lazy for a fast start)."""
    from revkiosk.cli import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
