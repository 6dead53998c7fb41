"""Reading a schedule's values — days, hours, dates — from text, with a position per mistake.

Each reader takes the text and returns the value, or raises `ValueProblem` saying what is
wrong and where in the text (an offset, so `check` can point at "25:00" inside a list).
Shared by the schedule file and the `opening_hours` setting.
"""

from __future__ import annotations

import difflib
import re
from datetime import date

from yaml.nodes import Node, SequenceNode

from revkiosk.schedule.model import ALL_DAYS, DAY_NAMES, DayOfYear, Hours

FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_WORDS = {
    **{n: i for i, n in enumerate(DAY_NAMES)},
    **{n: i for i, n in enumerate(FULL_DAY_NAMES)},
}
_HOURS = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$")
_FULL_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_YEARLY_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})$")
LONG_NIGHT_MINUTES = 12 * 60


class ValueProblem(ValueError):
    """What is wrong, and the offset in the text where it starts."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def _pieces(text: str, separator: str = ",") -> list[tuple[str, int]]:
    """Non-empty, stripped pieces of `text` with the offset each starts at."""
    pieces, offset = [], 0
    for raw in text.split(separator):
        stripped = raw.strip()
        if stripped:
            pieces.append((stripped, offset + len(raw) - len(raw.lstrip())))
        offset += len(raw) + len(separator)
    return pieces


def parse_days(text: str) -> frozenset[int]:
    """`mon-fri`, `sat, sun`, `tue-sun`, `fri-mon` (wraps), `monday`, or `daily`."""
    days: set[int] = set()
    pieces = _pieces(text)
    if not pieces:
        raise ValueProblem("no days given (e.g. mon-fri or sat, sun)")
    for piece, offset in pieces:
        if piece.lower() in ("daily", "every day"):
            days |= ALL_DAYS
            continue
        first, dash, last = piece.partition("-")
        a = _day(first.strip(), offset)
        if not dash:
            days.add(a)
            continue
        b = _day(last.strip(), offset + len(first) + 1)
        days.update(d % 7 for d in range(a, b + 1 if b >= a else b + 8))
    return frozenset(days)


def _day(word: str, offset: int) -> int:
    index = _DAY_WORDS.get(word.lower())
    if index is None:
        close = difflib.get_close_matches(word.lower(), list(_DAY_WORDS), n=1, cutoff=0.5)
        hint = (
            f' (did you mean "{close[0]}"?)'
            if close
            else " (use mon, tue, wed, thu, fri, sat, sun)"
        )
        raise ValueProblem(f'"{word}" is not a day{hint}', offset)
    return index


def parse_hours_list(text: str) -> tuple[tuple[Hours, int], ...]:
    """`09:00-17:00` or `10:00-13:00, 14:00-18:00`: each range with its offset in `text`."""
    pieces = _pieces(text)
    if not pieces:
        raise ValueProblem("no hours given (e.g. 09:00-17:00)")
    return tuple((parse_hours(piece, offset), offset) for piece, offset in pieces)


def parse_hours(text: str, offset: int = 0) -> Hours:
    """One range `HH:MM-HH:MM`; 24:00 may end it; an end before the start runs past midnight."""
    match = _HOURS.match(text.strip())
    if not match:
        raise ValueProblem(f'"{text}" is not a time range like 09:00-17:30', offset)
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or m1 > 59:
        raise ValueProblem(
            f'"{text}": {h1:02d}:{m1:02d} is not a time of day (00:00 … 23:59)', offset
        )
    if h2 > 24 or m2 > 59 or (h2 == 24 and m2):
        raise ValueProblem(
            f'"{text}": {h2:02d}:{m2:02d} is not a time of day (00:00 … 24:00)', offset
        )
    hours = Hours(h1 * 60 + m1, h2 * 60 + m2)
    if hours.start == hours.end:
        raise ValueProblem(f'"{text}" opens and closes at the same time', offset)
    return hours


def overnight_warning(hours: Hours) -> str | None:
    """A range that runs past midnight for more than 12 hours is most likely written backwards."""
    if not hours.overnight:
        return None
    length = 1440 - hours.start + hours.end
    if length <= LONG_NIGHT_MINUTES:
        return None
    swapped = f"{str(hours).split('-')[1]}-{str(hours).split('-')[0]}"
    return (
        f"{hours} runs past midnight for {length // 60} h {length % 60:02d} min; "
        f"did you mean {swapped}? (hours past midnight are fine: 20:00-02:00)"
    )


def parse_day_of_year(text: str) -> DayOfYear:
    """`2026-12-24` (that day) or `12-25` (every year)."""
    text = text.strip()
    full = _FULL_DATE.match(text)
    yearly = _YEARLY_DATE.match(text) if full is None else None
    if full is None and yearly is None:
        raise ValueProblem(f'"{text}" is not a date: write 2026-12-24, or 12-25 for every year')
    year = int(full.group(1)) if full else None
    month, day = (int(g) for g in (full.groups()[1:] if full else yearly.groups()))  # type: ignore[union-attr]
    try:
        date(year or 2028, month, day)  # 2028 is a leap year: 02-29 is a yearly date
    except ValueError:
        raise ValueProblem(f'"{text}" is not a date in the calendar') from None
    return DayOfYear(month, day, year)


def item_at(node: Node, offset: int) -> Node:
    """The list item a joined-text offset falls in (the node itself for a scalar)."""
    if not isinstance(node, SequenceNode):
        return node
    items: list[Node] = node.value
    position = 0
    for item in items:
        position += len(item.value) + 2
        if offset < position:
            return item
    return items[-1]


def offset_in_item(node: Node, offset: int) -> int:
    """Where a joined-text offset falls inside its list item."""
    if not isinstance(node, SequenceNode):
        return offset
    position = 0
    for item in node.value:
        if offset < position + len(item.value) + 2:
            return offset - position
        position += len(item.value) + 2
    return 0
