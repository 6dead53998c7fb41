"""What a visit is, turned into records: the recorder the kiosk calls as things happen.

A visit starts with the first touch or key that stops the attract loop and ends when the kiosk
goes idle again (or closes, or quits). While it lasts the recorder notes each slide the visitor
saw and for how long, the layers they opened, the languages and comfort settings they chose and
the videos they played. Nothing else: no pictures, no input positions, nothing that could tell
one person from another (a visit's id is a random token that means nothing outside the log).

Durations use the monotonic clock (a clock set by NTP mid-visit cannot make them negative);
timestamps are local wall time with their UTC offset, so "visits per hour" is the museum's hour,
daylight saving or not. Qt-free: the kiosk session feeds it, tests drive it with a fake clock.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

TITLE_CHARS = 80


class Clock(Protocol):
    """Wall time (aware, local) for timestamps and a monotonic clock for durations."""

    def now(self) -> datetime: ...

    def monotonic(self) -> float: ...


class SystemClock:
    """The real clocks."""

    def now(self) -> datetime:
        return datetime.now().astimezone()

    def monotonic(self) -> float:
        return time.monotonic()


class Sink(Protocol):
    def append(self, record: dict[str, Any]) -> None: ...


@dataclass
class _Shown:
    key: str
    title: str
    index: int
    since: float  # monotonic


class VisitRecorder:
    """Turns kiosk happenings into statistics records (see the module docstring)."""

    def __init__(
        self,
        sink: Sink,
        *,
        clock: Clock | None = None,
        deck: str = "",
        language: str = "",
        new_id: Callable[[], str] = lambda: secrets.token_hex(4),
    ) -> None:
        self.sink = sink
        self.clock = clock or SystemClock()
        self.deck = deck
        self.language = language
        self._new_id = new_id
        self.visit: str | None = None
        self._started = 0.0
        self._last_input = 0.0
        self._slides = 0
        self._shown: _Shown | None = None

    @property
    def in_visit(self) -> bool:
        return self.visit is not None

    # -- what is on screen -------------------------------------------------------------------
    def set_deck(self, name: str) -> None:
        self.deck = name

    def slide_shown(self, key: str, title: str, index: int) -> None:
        """The slide on screen changed (in a visit or in the attract loop)."""
        now = self.clock.monotonic()
        if self.visit is not None:
            self._record_slide(now)
        self._shown = _Shown(key, title[:TITLE_CHARS], index, now)

    def set_language(self, code: str) -> None:
        """The language shown changed; during a visit that is the visitor's choice."""
        if code == self.language:
            return
        self.language = code
        if self.visit is not None:
            self._input()
            self._emit("language", language=code)

    # -- the visitor ---------------------------------------------------------------------------
    def visitor_arrived(self) -> None:
        """The touch or key that ended the attract loop: a visit starts on the slide shown."""
        if self.visit is not None:
            return
        now = self.clock.monotonic()
        self.visit = self._new_id()
        self._started = self._last_input = now
        self._slides = 0
        if self._shown is not None:
            self._shown.since = now
        shown = self._shown
        self._emit(
            "visit_start",
            deck=self.deck,
            language=self.language,
            slide=shown.key if shown else None,
        )

    def input_seen(self) -> None:
        """Any touch or key during a visit: the visit lasts until the last one."""
        if self.visit is not None:
            self._input()

    def layer_opened(self, layer: str) -> None:
        if self.visit is not None:
            self._input()
            self._emit("layer", slide=self._shown.key if self._shown else None, layer=layer)

    def comfort_changed(self, changes: Iterable[tuple[str, object]]) -> None:
        """Comfort settings the visitor changed (text size, contrast, captions, sound…)."""
        if self.visit is None:
            return  # the reset at idle is the kiosk's doing, not a choice
        self._input()
        for setting, value in changes:
            self._emit("comfort", setting=setting, value=_plain(value))

    def video_played(self) -> None:
        """A video on the slide shown started playing for the visitor."""
        if self.visit is not None:
            self._emit("video", slide=self._shown.key if self._shown else None)

    def visit_over(self, reason: str = "idle") -> None:
        """Idle, closing time, a deck switch or quitting: record the last slide and the end.

        The visit's length runs from the first touch to the last one; the idle wait that ends
        it is not the visitor's time.
        """
        if self.visit is None:
            return
        self._record_slide(max(self._last_input, self._shown.since if self._shown else 0.0))
        seconds = self._last_input - self._started
        self._emit("visit_end", seconds=round(seconds, 1), slides=self._slides, reason=reason)
        self.visit = None
        if self._shown is not None:
            self._shown.since = self.clock.monotonic()

    # -- records -------------------------------------------------------------------------------
    def _input(self) -> None:
        self._last_input = self.clock.monotonic()

    def _record_slide(self, until: float) -> None:
        shown = self._shown
        if shown is None:
            return
        self._slides += 1
        seconds = max(0.0, until - shown.since)
        self._emit(
            "slide",
            slide=shown.key,
            title=shown.title,
            index=shown.index,
            seconds=round(seconds, 1),
        )

    def _emit(self, event: str, **fields: object) -> None:
        record: dict[str, Any] = {
            "t": self.clock.now().isoformat(timespec="milliseconds"),
            "event": event,
            "visit": self.visit,
        }
        record.update(fields)
        self.sink.append(record)


def _plain(value: object) -> object:
    """A JSON-friendly form of a setting's value (numbers, text, true/false as they are)."""
    return value if isinstance(value, (bool, int, float, str)) or value is None else str(value)
