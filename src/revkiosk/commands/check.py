"""`revkiosk check FILE... [--json] [--shapes [LIST]]`: validate decks (and schedules) the way
the player would load them, and lay decks out the way it would show them.

Beyond what the player needs, a deck is checked for visitors who cannot see or hear it: missing
alt text and captions are warnings (`deck/access.py`).

A schedule file (one with `rules:`) is checked as a schedule, and every deck it names is checked
too, once.

Prints one `file:line:col: error|warning: message` line per problem (the format editors and CI
annotate), or the same as a JSON list with `--json`. Exit status: 0 clean (warnings allowed),
1 when any deck has errors, 2 when a file cannot be read at all.

A deck that loads is then rendered offscreen (`commands/check_layout.py`): text that would be
cut (the player ends it with "…"), broken inside a word, overlapping or under the legibility
floor at 1920x1080 is a warning naming the slide and the element, and so is a character no
installed font draws (`commands/check_glyphs.py`); `--shapes` does the same on other screens
("9:16,4:3" or pixels), `--text-scale 1.5` at a visitor's larger text. `--no-layout` skips
this (and Qt).
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
from revkiosk.options import TEXT_SCALES, aspect_option, language_tag
from revkiosk.shape import DEFAULT_SHAPES, parse_aspect, parse_shape

OK, ERRORS, UNREADABLE = 0, 1, 2


def check_deck(path: Path, layout: argparse.Namespace | None = None) -> tuple[int, list[Problem]]:
    """Load one deck; returns (exit status for it, its problems in file order).

    A deck that loads is also held to the kiosk pace rule (`revkiosk.deck.pace`): a slide whose
    words cannot be read in its time is a warning, not an error, since a lecturer may still
    show it. With `layout` (its shapes, aspect and text scale) it is laid out too
    (`commands/check_layout.py`): text cut, overlapping or under the legibility floor warns,
    and so do characters no font draws.
    """
    try:
        deck = load_deck(path)
    except DeckUnreadable as exc:
        return UNREADABLE, list(exc.problems)
    except DeckError as exc:
        return ERRORS, list(exc.problems)
    problems = [*deck.warnings, *pace_problems(deck), *accessibility_problems(deck)]
    if layout is not None:
        from revkiosk.commands.check_layout import CHECK_SIZE, layout_problems

        aspect = parse_aspect(layout.aspect) if layout.aspect else deck.info.aspect
        sizes = layout.shapes or [CHECK_SIZE]
        languages = getattr(layout, "lang", None)
        problems += layout_problems(deck, sizes, aspect, layout.text_scale, languages)
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


def check_file(path: Path, layout: argparse.Namespace | None = None) -> tuple[int, list[Problem]]:
    """A schedule is checked as one; anything else as a deck."""
    from revkiosk.schedule.check import check_schedule, looks_like_schedule

    return check_schedule(path) if looks_like_schedule(path) else check_deck(path, layout)


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


def _shapes(text: str) -> list[tuple[int, int]]:
    """`9:16,4:3,1280x1024` → screen sizes; a usage error names the bad entry."""
    try:
        return [parse_shape(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


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


def _languages(text: str) -> list[str]:
    return [language_tag(code) for code in text.split(",") if code.strip()]


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
    parser.add_argument(
        "--shapes",
        nargs="?",
        const=",".join(DEFAULT_SHAPES),
        type=_shapes,
        metavar="LIST",
        help="lay the slides out on these screens: ratios at a 1080 px short side or pixel"
        f" sizes, comma-separated (default list: {','.join(DEFAULT_SHAPES)})",
    )
    parser.add_argument(
        "--aspect", type=aspect_option, metavar="auto|W:H", help="override the deck's aspect"
    )
    parser.add_argument(
        "--text-scale", type=float, choices=TEXT_SCALES, default=1.0, metavar="1|1.25|1.5",
        help="lay out at a visitor's text size",
    )  # fmt: skip
    parser.add_argument(
        "--lang",
        type=_languages,
        metavar="CODES",
        help="lay out only these of the deck's languages, comma-separated (default: every"
        " language a visitor may choose — the deck's own and each translation)",
    )
    parser.add_argument(
        "--no-layout", action="store_true", help="only load the decks (no rendering, no Qt)"
    )
    args = parser.parse_args(argv)

    status = OK
    problems: list[Problem] = []
    for path in _with_scheduled_decks(args.decks):
        deck_status, deck_problems = check_file(path, None if args.no_layout else args)
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
