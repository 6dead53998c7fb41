"""A hand-wound clock and a scripted museum day for the statistics tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from revkiosk.stats.log import StatsLog
from revkiosk.stats.visits import VisitRecorder

BERLIN = ZoneInfo("Europe/Berlin")


class FakeClock:
    """Wall time in Berlin and a monotonic counter that move together, only when told."""

    def __init__(self, start: datetime) -> None:
        self.wall = start
        self.mono = 1000.0

    def now(self) -> datetime:
        return self.wall.astimezone(BERLIN)

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds


def record_two_visits(folder: Path) -> None:
    """Monday 4 May 2026: a 40 s visit at 10:00 in English, a 100 s one at 14:30 in French.

    Visit 1: title 10 s → alphago 30 s (opens "more"); ends idle.
    Visit 2: starts on alphago, switches to French, larger text, 20 s → alexnet (video) 80 s.
    """
    log = StatsLog(folder, background=False)
    clock = FakeClock(datetime(2026, 5, 4, 10, 0, tzinfo=BERLIN))
    ids = iter(["visit-one", "visit-two"])
    rec = VisitRecorder(log, clock=clock, deck="story", language="en", new_id=lambda: next(ids))
    rec.slide_shown("title", "The story", 0)
    rec.visitor_arrived()
    clock.advance(10)
    rec.input_seen()
    rec.slide_shown("alphago", "AlphaGo", 5)
    clock.advance(25)
    rec.layer_opened("more")
    clock.advance(5)
    rec.input_seen()
    clock.advance(90)  # the idle wait is not part of the visit
    rec.visit_over("idle")
    clock.advance(4.5 * 3600 - 130)  # 14:30; the attract loop runs meanwhile
    rec.visitor_arrived()
    rec.set_language("fr")
    rec.comfort_changed([("text_scale", 1.25)])
    clock.advance(20)
    rec.input_seen()
    rec.slide_shown("alexnet", "AlexNet", 3)
    rec.video_played()
    clock.advance(80)
    rec.input_seen()
    clock.advance(90)
    rec.visit_over("idle")
    log.close()
