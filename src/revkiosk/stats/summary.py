"""From events to what a museum asks: how many visits, when, how long, what they looked at.

Visits are put back together from their records. A visit whose end was never written (the
kiosk is still running, or a power cut took the last line) ends at its last recorded moment.
Days and hours are the local ones written in each record.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from revkiosk.stats.read import Event, LogContents, instant


@dataclass
class Visit:
    id: str
    start: datetime
    seconds: float = 0.0
    ended: str | None = None  # "idle", "closing", "restart", "exit", … or None (never closed)
    language: str = ""
    deck: str = ""
    slides: list[tuple[str, str, float]] = field(default_factory=list)  # key, title, seconds
    comfort: set[tuple[str, str]] = field(default_factory=set)
    layers: list[tuple[str, str]] = field(default_factory=list)  # slide key, layer
    videos: list[str] = field(default_factory=list)
    last: datetime | None = None


@dataclass(frozen=True)
class SlideStat:
    key: str
    title: str
    views: int
    median_seconds: float
    deck: str = ""  # the deck's file name without .yaml (two decks may share slide ids)


@dataclass(frozen=True)
class Summary:
    first_day: date | None
    last_day: date | None
    visits: int
    per_day: dict[date, int]  # every day from first to last, zeros included
    per_hour: list[int]  # 24 local hours
    median_seconds: float | None
    median_slides: float | None
    slides: list[SlideStat]  # most viewed first
    languages: dict[str, int]  # visits by the language they ended in
    comfort: dict[str, int]  # "setting = value": visits that chose it
    layers: dict[str, int]  # "slide: layer": times opened
    videos: dict[str, int]  # slide: times played
    unclosed: int  # visits whose end was never recorded
    restarted: int  # visits cut short by a player restart
    skipped_lines: int
    capped_days: tuple[str, ...]


def assemble(events: list[Event]) -> list[Visit]:
    """The visits in `events`, in the order they started."""
    visits: dict[str, Visit] = {}
    for event in events:
        if event.visit is None:
            continue
        visit = visits.get(event.visit)
        if visit is None:
            visit = visits[event.visit] = Visit(event.visit, event.when)
        visit.last = event.when
        data = event.data
        if event.kind == "visit_start":
            visit.start = event.when
            visit.language = _text(data.get("language"))
            visit.deck = _text(data.get("deck"))
        elif event.kind == "slide":
            key = _text(data.get("slide")) or f"#{data.get('index', '?')}"
            visit.slides.append((key, _text(data.get("title")), seconds_value(data.get("seconds"))))
        elif event.kind == "language":
            visit.language = _text(data.get("language"))
        elif event.kind == "comfort":
            visit.comfort.add((_text(data.get("setting")), _text(data.get("value"))))
        elif event.kind == "layer":
            visit.layers.append((_text(data.get("slide")), _text(data.get("layer"))))
        elif event.kind == "video":
            visit.videos.append(_text(data.get("slide")))
        elif event.kind == "visit_end":
            visit.ended = _text(data.get("reason")) or "idle"
            visit.seconds = seconds_value(data.get("seconds"))
    for visit in visits.values():
        if visit.ended is None and visit.last is not None:
            visit.seconds = estimated_seconds(
                visit.start, visit.last, [seconds for _, _, seconds in visit.slides]
            )
    return sorted(visits.values(), key=lambda v: instant(v.start))


def estimated_seconds(start: datetime, last: datetime, slide_seconds: list[float]) -> float:
    """How long a visit whose end was never recorded lasted, as far as its records tell.

    Its slides' times add up to the visit up to the last slide change (the record written at
    the end carries the idle wait in its timestamp, so the sum is the better measure); without
    slide records, the time from its start to its last record.
    """
    if slide_seconds:
        return round(sum(slide_seconds), 1)
    return round(max(0.0, (instant(last) - instant(start)).total_seconds()), 1)


def summarise(contents: LogContents, since: date | None = None) -> Summary:
    """The summary of every visit that started on or after `since`."""
    visits = [v for v in assemble(contents.events) if since is None or v.start.date() >= since]
    days = [v.start.date() for v in visits]
    first, last = (min(days), max(days)) if days else (None, None)
    per_day: dict[date, int] = {}
    if first is not None and last is not None:
        counts = Counter(days)
        per_day = {
            first + timedelta(d): counts.get(first + timedelta(d), 0)
            for d in range((last - first).days + 1)
        }
    per_hour = [0] * 24
    for visit in visits:
        per_hour[visit.start.hour] += 1
    return Summary(
        first_day=first,
        last_day=last,
        visits=len(visits),
        per_day=per_day,
        per_hour=per_hour,
        median_seconds=_median([v.seconds for v in visits]),
        median_slides=_median([float(len(v.slides)) for v in visits]),
        slides=_slide_stats(visits),
        languages=dict(Counter(v.language or "?" for v in visits).most_common()),
        comfort=dict(
            Counter(f"{s} = {value}" for v in visits for s, value in v.comfort).most_common()
        ),
        layers=dict(
            Counter(f"{slide}: {layer}" for v in visits for slide, layer in v.layers).most_common()
        ),
        videos=dict(Counter(s for v in visits for s in v.videos).most_common()),
        unclosed=sum(v.ended is None for v in visits),
        restarted=sum(v.ended == "restart" for v in visits),
        skipped_lines=contents.skipped,
        capped_days=tuple(contents.capped_days),
    )


def _slide_stats(visits: list[Visit]) -> list[SlideStat]:
    seconds: dict[tuple[str, str], list[float]] = defaultdict(list)
    titles: dict[tuple[str, str], str] = {}
    for visit in visits:
        for key, title, dwell in visit.slides:
            seconds[visit.deck, key].append(dwell)
            titles[visit.deck, key] = title or titles.get((visit.deck, key), "")
    stats = [
        SlideStat(key, titles[deck, key], len(values), _median(values) or 0.0, deck)
        for (deck, key), values in seconds.items()
    ]
    return sorted(stats, key=lambda s: (-s.views, -s.median_seconds, s.deck, s.key))


def as_json(summary: Summary) -> dict[str, object]:
    """The summary as plain JSON data (dates as ISO text, seconds as numbers)."""
    return {
        "first_day": summary.first_day.isoformat() if summary.first_day else None,
        "last_day": summary.last_day.isoformat() if summary.last_day else None,
        "visits": summary.visits,
        "visits_per_day": {day.isoformat(): n for day, n in summary.per_day.items()},
        "visits_per_hour": {f"{hour:02d}": n for hour, n in enumerate(summary.per_hour)},
        "median_visit_seconds": summary.median_seconds,
        "median_slides_per_visit": summary.median_slides,
        "slides": [
            {
                "deck": s.deck,
                "slide": s.key,
                "title": s.title,
                "views": s.views,
                "median_seconds": s.median_seconds,
            }
            for s in summary.slides
        ],
        "languages": summary.languages,
        "comfort": summary.comfort,
        "layers": summary.layers,
        "videos": summary.videos,
        "unclosed_visits": summary.unclosed,
        "restarted_visits": summary.restarted,
        "skipped_lines": summary.skipped_lines,
        "capped_days": list(summary.capped_days),
    }


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _text(value: object) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def seconds_value(value: object) -> float:
    """A recorded number of seconds, or 0 for anything that is not a finite, positive number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return 0.0
    return max(0.0, float(value))
