"""Visits left open by a crash, a hang or a power cut are closed when the player starts again."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from revkiosk.stats.log import StatsLog
from revkiosk.stats.read import Event, read_log
from revkiosk.stats.summary import estimated_seconds, seconds_value


def close_interrupted_visits(folder: Path, log: StatsLog, today: date) -> int:
    """Close visits that a crash, a hang or a power cut left open; returns how many.

    Run when the player starts, before recording anything: the restarted player begins in the
    attract loop, so the visitor's next touch starts a new visit. The old one ends at its last
    recorded moment (what it really lasted as far as anyone can know), marked "restart".
    """
    contents = read_log(folder, today - timedelta(days=1))
    open_visits: dict[str, list[Event]] = {}
    for event in contents.events:
        if event.visit is None:
            continue
        if event.kind == "visit_end":
            open_visits.pop(event.visit, None)
        else:
            open_visits.setdefault(event.visit, []).append(event)
    closed = 0
    for visit, events in open_visits.items():
        start = next((e for e in events if e.kind == "visit_start"), events[0])
        last = events[-1]
        dwell = [seconds_value(e.data.get("seconds")) for e in events if e.kind == "slide"]
        log.append(
            {
                "t": last.data["t"],
                "event": "visit_end",
                "visit": visit,
                "seconds": estimated_seconds(start.when, last.when, dwell),
                "slides": len(dwell),
                "reason": "restart",
            }
        )
        closed += 1
    return closed
