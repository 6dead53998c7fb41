"""`revkiosk check FILE... [--json]`: validate decks (and schedules) the way the player would.

Beyond what the player needs, a deck is checked for visitors who cannot see or hear it: missing
alt text and captions are warnings (`deck/access.py`).

A schedule file (one with `rules:`) is checked as a schedule, and every deck it names is checked
too, once.

Prints one `file:line:col: error|warning: message` line per problem (the format editors and CI
annotate), or the same as a JSON list with `--json`. Exit status: 0 clean (warnings allowed),
1 when any deck has errors, 2 when a file cannot be read at all. The deck checks never import
Qt; the layout checks (cut text, missing glyphs) use it when it is installed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from revkiosk.deck.access import accessibility_problems
from revkiosk.deck.load import load_deck
from revkiosk.deck.model import Deck, DeckError, DeckUnreadable, Problem
from revkiosk.deck.pace import pace_problems

OK, ERRORS, UNREADABLE = 0, 1, 2


def check_deck(path: Path) -> tuple[int, list[Problem]]:
    """Load one deck; returns (exit status for it, its problems in file order).

    A deck that loads is also held to the kiosk pace rule (`revkiosk.deck.pace`): a slide whose
    words cannot be read in its time is a warning, not an error, since a lecturer may still
    show it.
    It is also laid out (with Qt, when it is there; see `check_render`): text cut off with "…"
    and characters no font draws are warnings too.
    """
    try:
        deck = load_deck(path)
    except DeckUnreadable as exc:
        return UNREADABLE, list(exc.problems)
    except DeckError as exc:
        return ERRORS, list(exc.problems)
    from revkiosk.commands.check_render import visual_problems

    problems = [
        *deck.warnings,
        *pace_problems(deck),
        *accessibility_problems(deck),
        *visual_problems(deck),
    ]
    problems.sort(key=lambda p: (p.location.line, p.location.column))
    translations = _translation_problems(deck)  # after the deck's own, file by file
    status = ERRORS if any(p.severity == "error" for p in translations) else OK
    return status, problems + translations


def _translation_problems(deck: Deck) -> list[Problem]:
    """The deck's PO files, language by language (`revkiosk.i18n.checks`); Babel is imported
    only for a deck that has some."""
    from revkiosk.i18n.deck_po import po_paths

    if not po_paths(deck):
        return []
    from revkiosk.i18n.checks import translation_problems

    return translation_problems(deck)


def check_file(path: Path) -> tuple[int, list[Problem]]:
    """A schedule is checked as one; anything else as a deck."""
    from revkiosk.schedule.check import check_schedule, looks_like_schedule

    return check_schedule(path) if looks_like_schedule(path) else check_deck(path)


def _with_scheduled_decks(paths: list[Path]) -> list[Path]:
    """The files given, each followed by the decks it schedules (every file once)."""
    from revkiosk.schedule.check import looks_like_schedule, scheduled_decks

    found: dict[Path, None] = {}
    for path in paths:
        found.setdefault(path)
        if looks_like_schedule(path):
            for deck in scheduled_decks(path):
                if deck.resolve() not in {p.resolve() for p in found}:
                    found.setdefault(deck)
    return list(found)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _as_json(problem: Problem) -> dict[str, object]:
    return {
        "file": str(problem.location.file),
        "line": problem.location.line,
        "column": problem.location.column,
        "severity": problem.severity,
        "message": problem.message,
    }


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command; returns the process exit status."""
    out = out or sys.stdout
    parser = argparse.ArgumentParser(
        prog="revkiosk check",
        description="Check deck and schedule files: every error and warning with file:line:col.",
    )
    parser.add_argument(
        "decks", nargs="+", type=Path, metavar="FILE", help="deck or schedule YAML files"
    )
    parser.add_argument("--json", action="store_true", help="print problems as a JSON list")
    args = parser.parse_args(argv)

    status = OK
    problems: list[Problem] = []
    for path in _with_scheduled_decks(args.decks):
        deck_status, deck_problems = check_file(path)
        status = max(status, deck_status)
        problems.extend(deck_problems)
        if not args.json:
            for problem in deck_problems:
                print(problem, file=out)
            errors = sum(p.severity == "error" for p in deck_problems)
            warnings = len(deck_problems) - errors
            verdict = {OK: "ok", ERRORS: "FAILED", UNREADABLE: "UNREADABLE"}[deck_status]
            print(
                f"{path}: {verdict} ({_count(errors, 'error')}, {_count(warnings, 'warning')})",
                file=sys.stderr,
            )
    if args.json:
        json.dump([_as_json(p) for p in problems], out, indent=2, ensure_ascii=False)
        out.write("\n")
    return status
