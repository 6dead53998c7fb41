"""Command-line dispatch. Each subcommand lives in its own module, imported only when used,
so `revkiosk check` never loads Qt and `revkiosk` (play) does not pay for the exporter.

    revkiosk [DECK] [options]          play (see `revkiosk --help`)
    revkiosk check DECK... [--json]    validate decks
    revkiosk schema [--output FILE]    write the deck JSON Schema
    revkiosk export DECK --png DIR | --pdf FILE
    revkiosk kiosk [DECK] [options]    supervised kiosk (restarts the player after faults)
    revkiosk bundle [DECK] -o FILE     pack a deck with checksums for `revkiosk update`
    revkiosk update SOURCE | --rollback | --status   change the kiosk's deck safely
    revkiosk stats [--since DATE] [--json] [--png FILE]    visitor statistics
    revkiosk schedule FILE [--at TIME]  what a schedule plays when
    revkiosk i18n extract|stats DECK   translation files (PO) of a deck
"""

from __future__ import annotations

import gc

from revkiosk.lazy import resolve

SUBCOMMANDS = {
    "check": "revkiosk.commands.check:main",
    "schema": "revkiosk.commands.schema:main",
    "export": "revkiosk.commands.export:main",
    "kiosk": "revkiosk.commands.kiosk:main",
    "bundle": "revkiosk.commands.bundle:main",
    "update": "revkiosk.commands.update:main",
    "probe-display": "revkiosk.commands.probe_display:main",
    "stats": "revkiosk.commands.stats:main",
    "schedule": "revkiosk.commands.schedule:main",
    "i18n": "revkiosk.commands.i18n:main",
}
PLAY = "revkiosk.app:main"


def run(argv: list[str]) -> int:
    """Dispatch to a subcommand module's `main(argv) -> int`; anything else plays a deck."""
    if argv and argv[0] in SUBCOMMANDS:
        try:
            return int(resolve(SUBCOMMANDS[argv[0]])(argv[1:]))
        except BrokenPipeError:
            return _reader_went_away()
    # Playing: the player's modules allocate ~100k objects that live as long as the process and
    # next to no garbage, yet set off ~30 collections while they import (~4 ms of start-up).
    # So collection is off from here; `app.main` keeps it off until the first slide is painted
    # (`first_paint.resume_gc`) and resumes it at once for a run that shows no slide (self-test).
    gc.disable()
    return int(resolve(PLAY)(argv))


def _reader_went_away() -> int:
    """`revkiosk stats --json | head -1`: the reader closed the pipe, which is no error of
    ours. Python's documented recipe: point stdout at /dev/null so the flush at exit stays
    quiet, and end with the status a shell gives a command stopped by SIGPIPE."""
    import os
    import sys

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE
