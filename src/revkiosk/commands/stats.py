"""`revkiosk stats [--since DATE] [--json] [--png FILE] [--folder DIR]`: what visitors did.

Reads the kiosk's statistics files (the state folder's `stats/`, or a copy brought on a USB
stick with `--folder`) and prints visits per day and hour, the median visit, the most-viewed
slides and the languages. Never imports Qt unless `--png` asks for a chart.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from revkiosk.stats import stats_dir
from revkiosk.stats.read import read_log
from revkiosk.stats.report import text_report
from revkiosk.stats.summary import as_json, summarise


def _day(text: str) -> date:
    """YYYY-MM-DD, or `today`, `yesterday`, `7d` (the last seven days)."""
    today = date.today()
    word = text.strip().lower()
    if word in ("today", "yesterday"):
        return today - timedelta(days=word == "yesterday")
    if word.endswith("d") and word[:-1].isdigit():
        return today - timedelta(days=max(0, int(word[:-1]) - 1))
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: use YYYY-MM-DD (2026-05-04), today, yesterday or 7d"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revkiosk stats",
        description="Summarise the visitor statistics the kiosk recorded.",
        epilog="Recording is on in kiosk mode; `statistics: false` in settings.yaml turns it off.",
    )
    parser.add_argument(
        "--since",
        type=_day,
        metavar="DATE",
        help="only visits from DATE on (YYYY-MM-DD, today, yesterday, 7d)",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--png", type=Path, metavar="FILE", help="also draw it as a PNG chart")
    parser.add_argument(
        "--folder",
        type=Path,
        metavar="DIR",
        help="read the day files here (default: the state folder's stats/)",
    )
    return parser


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    """Print the summary; 0 on success (also with no visits), 2 when the folder is unusable."""
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    folder = args.folder or stats_dir()
    if args.folder is not None and not folder.is_dir():
        print(f"revkiosk stats: error: no such folder: {folder}", file=sys.stderr)
        return 2
    # A visit that started the day before `since` may run past midnight: read that day too.
    contents = read_log(folder, args.since - timedelta(days=1) if args.since else None)
    summary = summarise(contents, args.since)
    if args.json:
        json.dump(as_json(summary), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(text_report(summary, str(folder)))
    if args.png is not None:
        from revkiosk.commands.stats_chart import write_chart

        try:
            write_chart(summary, args.png)
        except OSError as error:
            print(f"revkiosk stats: error: {error}", file=sys.stderr)
            return 2
        print(f"chart written to {args.png}", file=sys.stderr)
    return 0
