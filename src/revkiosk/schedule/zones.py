"""Time zones that know their daylight-saving rules (zoneinfo), and the machine's own.

`datetime.now().astimezone()` gives a fixed offset, which would be wrong half the year for a
schedule; the machine's zone is read from `TZ` or `/etc/localtime` instead, so opening at
09:00 stays 09:00 across the clock changes.
"""

from __future__ import annotations

import difflib
import math
import os
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

LOCALTIME = Path("/etc/localtime")


def named_zone(name: str) -> ZoneInfo:
    """The zone called `name` (e.g. Europe/Berlin); ValueError with a suggestion otherwise."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        close = difflib.get_close_matches(name, sorted(available_timezones()), n=1, cutoff=0.6)
        hint = (
            f' (did you mean "{close[0]}"?)' if close else " (e.g. Europe/Berlin, America/New_York)"
        )
        raise ValueError(f'unknown time zone "{name}"{hint}') from None


def local_zone() -> tuple[tzinfo, str]:
    """The machine's zone and its name: `TZ`, then /etc/localtime, else the current offset."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name), name
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        with LOCALTIME.open("rb") as handle:
            zone = ZoneInfo.from_file(handle, key="localtime")
        target = os.path.realpath(LOCALTIME)
        marker = "zoneinfo" + os.sep
        label = target.split(marker, 1)[1] if marker in target else "local time"
        return zone, label
    except (OSError, ValueError):
        fixed = datetime.now().astimezone().tzinfo
        assert fixed is not None
        return fixed, "local time (no daylight-saving rules known)"


def wall_instants(naive: datetime, zone: tzinfo) -> list[datetime]:
    """The moments a wall-clock time names: one usually, none in a spring-forward gap, two in
    the hour that repeats when clocks go back (earlier first)."""
    found = []
    for fold in (0, 1):
        candidate = naive.replace(tzinfo=zone, fold=fold)
        back = candidate.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        if back == naive.replace(fold=0):
            found.append(candidate)
    # Aware times in one zone compare as wall times (fold ignored): tell them apart by moment.
    unique = {candidate.timestamp(): candidate for candidate in found}
    return [unique[stamp] for stamp in sorted(unique)]


def offset_change_between(start: datetime, end: datetime, zone: tzinfo) -> datetime | None:
    """The moment (aware, UTC) the zone's offset changes between two moments, or None.

    Found by bisection over whole seconds, so no private zoneinfo tables are needed.
    """
    before = _at(start.timestamp()).astimezone(zone).utcoffset()
    if _at(end.timestamp()).astimezone(zone).utcoffset() == before:
        return None
    low, high = math.floor(start.timestamp()), math.ceil(end.timestamp())
    while high - low > 1:  # offsets change on a whole second
        middle = (low + high) // 2
        if _at(middle).astimezone(zone).utcoffset() == before:
            low = middle
        else:
            high = middle
    return _at(high)


def _at(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)
