"""`revkiosk i18n extract DECK [--lang CODE…]`, `revkiosk i18n stats DECK`, `revkiosk i18n player`.

`extract` writes the deck's template (`messages.pot`) beside its PO files and updates every PO
file (new texts added, changed ones marked fuzzy, removed ones kept as obsolete); `--lang fr`
also creates `fr.po` when it is not there yet. `stats` shows, per language, how much of the deck
is translated. `player` (for developers) extracts the player's own words into its catalogs
in `revkiosk/i18n/locale/`. The deck commands print deck errors as `file:line:col: error: …`
and exit 1, like `check`. Never imports Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from revkiosk.deck.model import Deck, DeckError, DeckUnreadable

OK, FAILED, UNREADABLE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revkiosk i18n", description="Translate a deck with gettext PO files."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="extract|stats|player")
    extract = sub.add_parser("extract", help="write the template and update the PO files")
    extract.add_argument("deck", type=Path, help="the deck's YAML file")
    extract.add_argument(
        "--lang",
        action="append",
        default=[],
        metavar="CODE",
        help="also create CODE.po if missing (repeat for several: --lang fr --lang de)",
    )
    stats = sub.add_parser("stats", help="how much of the deck each language translates")
    stats.add_argument("deck", type=Path, help="the deck's YAML file")
    player = sub.add_parser(
        "player", help="developers: extract the player's own words into revkiosk/i18n/locale"
    )
    player.add_argument("--lang", action="append", default=[], metavar="CODE",
                        help="also create CODE.po if missing")  # fmt: skip
    return parser


def run_player(languages: list[str], out: TextIO, err: TextIO) -> int:
    from revkiosk.i18n.player_po import TEMPLATE, update

    try:
        left = update(tuple(languages))
    except (OSError, ValueError) as error:
        print(f"revkiosk i18n: {error}", file=err)
        return FAILED
    print(f"wrote {TEMPLATE}", file=out)
    for code, untranslated in left.items():
        print(f"  {code}.po: {untranslated} untranslated", file=out)
    return OK


def _load(path: Path, err: TextIO) -> Deck | int:
    from revkiosk.deck.load import load_deck

    try:
        return load_deck(path)
    except DeckUnreadable as exc:
        for problem in exc.problems:
            print(problem, file=err)
        return UNREADABLE
    except DeckError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        return FAILED


def run_extract(deck: Deck, languages: list[str], out: TextIO, err: TextIO) -> int:
    from revkiosk.deck.spec import LANGUAGE_TAG
    from revkiosk.deck.translate import deck_texts, unkeyed_slides
    from revkiosk.i18n.deck_po import extract

    bad = [code for code in languages if not LANGUAGE_TAG.match(code)]
    if bad:
        print(f"revkiosk i18n: {bad[0]!r} is not a language tag like fr or pt-BR", file=err)
        return FAILED
    try:
        done = extract(deck, tuple(code.replace("_", "-") for code in languages))
    except (OSError, ValueError) as error:
        print(f"revkiosk i18n: {error}", file=err)
        return FAILED
    print(f"wrote {done.template} ({len(deck_texts(deck))} entries)", file=out)
    for code, (new, fuzzy, gone) in done.updated.items():
        print(
            f"  {code}.po: {new} new, {fuzzy} now fuzzy (source changed), {gone} obsolete",
            file=out,
        )
    for index, slide in unkeyed_slides(deck):
        where = slide.location or deck.path
        print(
            f"{where}: warning: slide {index + 1} ({slide.kind}) has no id, so its text "
            "cannot be translated: give it an `id`",
            file=err,
        )
    return OK


def run_stats(deck: Deck, out: TextIO) -> int:
    from revkiosk.i18n.stats import coverage

    rows = coverage(deck)
    if not rows:
        print(f"{deck.path.name}: no translations (run `revkiosk i18n extract --lang CODE`)",
              file=out)  # fmt: skip
        return OK
    print(
        f"{deck.path.name}: {rows[0].total} texts, in {deck.info.language} (the source)", file=out
    )
    header = (
        f"  {'language':<10} {'translated':>12} {'fuzzy':>7} {'untranslated':>13} {'obsolete':>9}"
    )
    print(header, file=out)
    for row in rows:
        if row.problem:
            print(f"  {row.language:<10} {row.problem}", file=out)
            continue
        share = f"{row.translated} {row.percent:3.0f}%"
        print(
            f"  {row.language:<10} {share:>12} {row.fuzzy:>7} {row.untranslated:>13} "
            f"{row.obsolete:>9}",
            file=out,
        )
    return OK


def main(
    argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    args = build_parser().parse_args(argv)
    if args.command == "player":
        return run_player(args.lang, out, err)
    deck = _load(args.deck, err)
    if isinstance(deck, int):
        return deck
    if args.command == "extract":
        return run_extract(deck, args.lang, out, err)
    return run_stats(deck, out)
