"""`revkiosk schedule FILE [--at "2026-12-24 17:30"] [--days N]`: what a schedule plays when.

So a technician can check Christmas in June: prints what the kiosk would do at that moment
(the rule that decides, the deck), and when that next changes; `--days N` lists every change
in the N days that follow. Times are wall-clock times in the schedule's zone; a time that does
not exist (clocks going forward) or happens twice (clocks going back) is said to be so.
Exit status 1 when the schedule has errors (printed like `revkiosk check`). Never imports Qt.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TextIO

from revkiosk.schedule.engine import Slot, next_change, schedule_wall_time, state_at
from revkiosk.schedule.load import ScheduleError, load_schedule
from revkiosk.schedule.model import Schedule
from revkiosk.schedule.zones import wall_instants


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'{text!r} is not a date and time: write "2026-12-24 17:30"'
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revkiosk schedule",
        description="Say what a schedule plays at a moment, and when that changes.",
    )
    parser.add_argument("file", type=Path, help="the schedule YAML file")
    parser.add_argument(
        "--at",
        type=_moment,
        metavar="TIME",
        help='a wall-clock time, "2026-12-24 17:30" (default: now)',
    )
    parser.add_argument(
        "--days", type=int, default=0, metavar="N", help="list every change in the next N days"
    )
    return parser


def when_text(moment: datetime, schedule: Schedule) -> str:
    """Thu 24 Dec 2026 17:30 CET."""
    local = moment.astimezone(schedule.zone)
    return f"{local:%a} {local.day} {local:%b %Y %H:%M} {local.tzname()}"


def slot_text(slot: Slot, schedule: Schedule) -> str:
    """closed: display off — rule at line 52: 12-25 closed; or plays deck.yaml — rule …"""
    what = f"plays {_deck_name(slot.deck, schedule)}" if slot.open else "closed: display off"
    if slot.rule is None:
        return f"{what} — no rule covers this day"
    note = f' ("{slot.rule.note}")' if slot.rule.note else ""
    if not slot.open and not slot.rule.closed:
        return f"{what} — outside the hours of the day's rule at {slot.rule.describe()}{note}"
    return f"{what} — rule at {slot.rule.describe()}{note}"


def _deck_name(deck: Path | None, schedule: Schedule) -> str:
    if deck is None:
        return "the kiosk's own deck"
    try:
        return str(deck.relative_to(schedule.path.parent))
    except ValueError:
        return str(deck)


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    try:
        schedule = load_schedule(args.file)
    except ScheduleError as error:
        for problem in error.problems:
            print(problem, file=out)
        print(
            f"{args.file}: FAILED; fix the schedule first (revkiosk check {args.file})",
            file=sys.stderr,
        )
        return 2 if error.__class__.__name__ == "ScheduleUnreadable" else 1
    for warning in schedule.warnings:
        print(warning, file=out)
    print(f"{args.file} (times in {schedule.zone_name})", file=out)
    moment, second = _resolve_moment(args.at, schedule, out)
    for reading, label in ((moment, ""), (second, " (the second time)")):
        if reading is not None:
            slot = slot_text(state_at(schedule, reading), schedule)
            print(f"{when_text(reading, schedule)}{label}: {slot}", file=out)
    _print_changes(schedule, moment, max(args.days, 0), out)
    return 0


def _resolve_moment(
    wall: datetime | None, schedule: Schedule, out: TextIO
) -> tuple[datetime, datetime | None]:
    """The moment a wall-clock time names (and its second reading when it happens twice),
    saying so when the clocks make it odd."""
    if wall is None:
        return datetime.now(schedule.zone), None
    if wall.tzinfo is not None:
        return wall, None
    moments = wall_instants(wall, schedule.zone)
    if len(moments) == 2:
        print(
            f"{wall:%Y-%m-%d %H:%M} happens twice in {schedule.zone_name} (the clocks go back); "
            "a change written for it happens the first time",
            file=out,
        )
        return moments[0], moments[1]
    if not moments:
        jump = _jump_moment(wall, schedule)
        print(
            f"{wall:%Y-%m-%d %H:%M} does not exist in {schedule.zone_name} (the clocks go "
            f"forward); what happens then happens when they jump, at {when_text(jump, schedule)}",
            file=out,
        )
        return jump, None
    return moments[0], None


def _jump_moment(wall: datetime, schedule: Schedule) -> datetime:
    """The moment the clocks jumped over `wall` (a spring-forward gap)."""
    from revkiosk.schedule.zones import offset_change_between

    readings = sorted(
        (wall.replace(tzinfo=schedule.zone, fold=fold) for fold in (0, 1)),
        key=lambda m: m.timestamp(),
    )
    return offset_change_between(readings[0], readings[1], schedule.zone) or readings[1]


def _print_changes(schedule: Schedule, moment: datetime, days: int, out: TextIO) -> None:
    limit = moment.timestamp() + days * 86400
    cursor = moment
    while True:
        change = next_change(schedule, cursor)
        if change is None:
            nothing = "Next change: none" if cursor is moment else "  then: no other change"
            print(f"{nothing} within a year", file=out)
            return
        when, slot = change
        label = "Next change" if cursor is moment else "  then"
        print(f"{label}: {when_text(when, schedule)}: {slot_text(slot, schedule)}", file=out)
        if when.timestamp() > limit:
            return
        cursor = when


__all__ = ["main", "schedule_wall_time"]
