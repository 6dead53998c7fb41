"""Talk timing for the presenter view: a pausable stopwatch, pacing, per-slide time, a report.

Qt-free on purpose: the clock is injected (`clock=` any zero-argument callable returning seconds),
so tests drive time by hand instead of sleeping, and the arithmetic is checked without a window.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

Clock = Callable[[], float]
Level = Literal["green", "amber", "red"]


def format_duration(seconds: float, signed: bool = False) -> str:
    """`754` → `"12:34"`, `3725` → `"1:02:05"`; with `signed`, a `+`/`−` prefix (pacing)."""
    sign = ""
    if signed:
        sign = "−" if seconds < 0 else "+"
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    body = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return sign + body


class Stopwatch:
    """Elapsed talk time that can be paused, resumed and reset; never counts paused time."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._banked = 0.0  # seconds accumulated before the current run
        self._since: float | None = None  # clock value when the current run started

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def started(self) -> bool:
        """Whether the stopwatch has ever run since the last reset."""
        return self.running or self._banked > 0

    def elapsed(self) -> float:
        if self._since is None:
            return self._banked
        return self._banked + max(0.0, self._clock() - self._since)

    def start(self) -> None:
        if self._since is None:
            self._since = self._clock()

    def pause(self) -> None:
        if self._since is not None:
            self._banked = self.elapsed()
            self._since = None

    def toggle(self) -> bool:
        """Pause if running, else start; returns whether it is now running."""
        self.pause() if self.running else self.start()
        return self.running

    def reset(self) -> None:
        """Back to 0:00 and stopped (the next slide change or Start begins the count)."""
        self._banked = 0.0
        self._since = None


@dataclass(frozen=True)
class Pace:
    """Where the talk stands against its plan.

    `delta` is seconds behind the plan (positive) or ahead of it (negative); `level` is the
    colour the presenter view shows.
    """

    planned: float
    expected: float
    delta: float
    level: Level

    @property
    def text(self) -> str:
        if abs(self.delta) < 30:
            return "On time"
        word = "behind" if self.delta > 0 else "ahead"
        return f"{format_duration(self.delta)} {word}"


def pace(elapsed: float, index: int, count: int, planned_minutes: float | None) -> Pace | None:
    """Pacing at slide `index` (0-based) of `count` after `elapsed` seconds, or None (no plan).

    The plan spreads the planned duration evenly over the slides: arriving at slide i should
    happen after i/count of the time. Behind by more than 5% of the talk is amber, by more than
    10% (or running over the planned length) is red; ahead or close is green.
    """
    if not planned_minutes or planned_minutes <= 0 or count <= 0:
        return None
    planned = planned_minutes * 60.0
    expected = planned * min(max(index, 0), count) / count
    delta = elapsed - expected
    if elapsed > planned or delta > 0.10 * planned:
        level: Level = "red"
    elif delta > 0.05 * planned:
        level = "amber"
    else:
        level = "green"
    return Pace(planned, expected, delta, level)


class SlideTimes:
    """Seconds of stopwatch time spent on each slide (pauses do not count).

    Call `visit(index, elapsed)` whenever the slide changes (and before reading `spent`) with
    the stopwatch's current elapsed time; the time since the previous call goes to the slide
    that was showing.
    """

    def __init__(self, count: int, index: int = 0) -> None:
        self.spent: list[float] = []
        self.visits: list[int] = []
        self._index = index
        self._mark = 0.0
        self._start(max(0, count), index)

    def _start(self, count: int, index: int) -> None:
        self.spent = [0.0] * count
        self.visits = [0] * count
        self._index, self._mark = index, 0.0
        if 0 <= index < count:
            self.visits[index] = 1

    def visit(self, index: int, elapsed: float) -> None:
        self._settle(elapsed)
        if index != self._index and 0 <= index < len(self.visits):
            self.visits[index] += 1
        self._index = index

    def _settle(self, elapsed: float) -> None:
        if 0 <= self._index < len(self.spent) and elapsed > self._mark:
            self.spent[self._index] += elapsed - self._mark
        self._mark = elapsed

    def reset(self, index: int) -> None:
        """Forget everything (the stopwatch was reset); `index` is the slide showing now."""
        self._start(len(self.spent), index)

    def resize(self, count: int) -> None:
        """The deck was reloaded with `count` slides: keep what still exists."""
        count = max(0, count)
        self.spent = (self.spent + [0.0] * count)[:count]
        self.visits = (self.visits + [0] * count)[:count]


def timing_report(
    title: str,
    headings: Sequence[str],
    times: SlideTimes,
    total: float,
    planned_minutes: float | None,
    when: datetime | None = None,
) -> str:
    """The per-slide timing report as Markdown (readable as text, renders as a table)."""
    when = when or datetime.now()
    lines = [f"# Timing report: {title}", "", f"- Date: {when:%Y-%m-%d %H:%M}"]
    lines.append(f"- Total time: {format_duration(total)}")
    if planned_minutes:
        planned = planned_minutes * 60
        over = total - planned
        word = "over" if over > 0 else "under"
        lines.append(f"- Planned: {format_duration(planned)} ({format_duration(over)} {word})")
    lines += ["", "| # | Slide | Time | Visits |", "|---:|---|---:|---:|"]
    for number, (heading, spent, visits) in enumerate(
        zip(headings, times.spent, times.visits, strict=False), start=1
    ):
        name = heading.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {number} | {name} | {format_duration(spent)} | {visits} |")
    return "\n".join(lines) + "\n"


def write_timing_report(folder: Path, text: str, when: datetime | None = None) -> Path:
    """Write `text` to `folder/timing-YYYYmmdd-HHMMSS.md` (creating the folder); returns it.

    Raises OSError when the folder cannot be written; the caller logs it (quitting must not
    fail because of a report).
    """
    when = when or datetime.now()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"timing-{when:%Y%m%d-%H%M%S}.md"
    path.write_text(text, encoding="utf-8")
    return path
