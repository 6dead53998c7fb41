"""Reading the statistics log back, whatever a power cut or a stray editor left in it.

Every line is judged on its own: a line cut off mid-way, a line of garbage, invalid UTF-8, a
JSON value that is not a record or a record without a readable time is counted as skipped and
the rest of the file is still read. Files not named like a day (`2026-05-04.jsonl`) are ignored.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from revkiosk.stats.log import MAX_LINE_BYTES, SUFFIX

MAX_FILE_BYTES = 64 * 1024 * 1024  # a day file is capped at 8 MiB; anything larger is not ours


@dataclass(frozen=True)
class Event:
    """One record: when it happened (local, aware or naive as written), its kind, its visit."""

    when: datetime
    kind: str
    visit: str | None
    data: dict[str, Any]


@dataclass
class LogContents:
    events: list[Event] = field(default_factory=list)
    skipped: int = 0  # lines that could not be read
    capped_days: list[str] = field(default_factory=list)
    files: int = 0


def day_files(folder: Path, since: date | None = None) -> list[tuple[date, Path]]:
    """The day files in `folder`, oldest first, from `since` on."""
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if not entry.name.endswith(SUFFIX):
            continue
        try:
            day = date.fromisoformat(entry.name[: -len(SUFFIX)])
        except ValueError:
            continue
        if since is None or day >= since:
            found.append((day, Path(entry.path)))
    return sorted(found)


def read_log(folder: Path, since: date | None = None) -> LogContents:
    """Every readable event in the day files from `since` on (all of them without `since`)."""
    contents = LogContents()
    for day, path in day_files(folder, since):
        contents.files += 1
        for line in _lines(path):
            event = parse_line(line)
            if event is None:
                contents.skipped += 1
            elif event.kind == "capped":
                contents.capped_days.append(day.isoformat())
            else:
                contents.events.append(event)
    contents.events.sort(key=lambda e: instant(e.when))
    return contents


def _lines(path: Path) -> Iterator[bytes]:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES)
    except OSError:
        return
    for line in data.split(b"\n"):
        if line.strip():
            yield line


def parse_line(line: bytes) -> Event | None:
    """The event on one line, or None if the line is not a whole, sensible record."""
    if len(line) > MAX_LINE_BYTES:
        return None
    try:
        record = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict):
        return None
    kind, stamp, visit = record.get("event"), record.get("t"), record.get("visit")
    if not isinstance(kind, str) or not isinstance(stamp, str):
        return None
    if visit is not None and not isinstance(visit, str):
        return None
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return Event(when, kind, visit, record)


def instant(when: datetime) -> datetime:
    """The moment as an aware datetime (records we write carry their offset; others are local)."""
    return when if when.tzinfo is not None else when.astimezone()
